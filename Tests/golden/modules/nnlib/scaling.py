SOURCE = "scaling.py"
