/// Standard modules small enough to write in the language itself. They run on first import,
/// each in its own namespace.
enum Prelude {
  static let modules: [String: String] = [
    "collections": collections,
    "itertools": itertools,
    "functools": functools,
  ]

  static let collections = #"""
    class deque:
        def __init__(self, iterable=(), maxlen=None):
            self.maxlen = maxlen
            self._items = []
            for x in iterable:
                self.append(x)

        def append(self, x):
            self._items.append(x)
            if self.maxlen is not None and len(self._items) > self.maxlen:
                self._items.pop(0)

        def appendleft(self, x):
            self._items.insert(0, x)
            if self.maxlen is not None and len(self._items) > self.maxlen:
                self._items.pop()

        def pop(self):
            if not self._items:
                raise IndexError("pop from an empty deque")
            return self._items.pop()

        def popleft(self):
            if not self._items:
                raise IndexError("pop from an empty deque")
            return self._items.pop(0)

        def extend(self, iterable):
            for x in iterable:
                self.append(x)

        def clear(self):
            self._items = []

        def extendleft(self, iterable):
            for x in iterable:
                self.appendleft(x)

        def rotate(self, n=1):
            if self._items:
                n = n % len(self._items)
                if n:
                    self._items = self._items[-n:] + self._items[:-n]

        def __len__(self):
            return len(self._items)

        def __iter__(self):
            return list(self._items)

        def __getitem__(self, i):
            return self._items[i]

        def __contains__(self, x):
            return x in self._items

        def __eq__(self, other):
            return list(self) == list(other)

        def __repr__(self):
            if self.maxlen is None:
                return "deque(" + repr(self._items) + ")"
            return "deque(" + repr(self._items) + ", maxlen=" + str(self.maxlen) + ")"


    class OrderedDict:
        def __init__(self, *args, **kwargs):
            self._data = dict(*args, **kwargs)

        def __getitem__(self, key):
            return self._data[key]

        def __setitem__(self, key, value):
            self._data[key] = value

        def __contains__(self, key):
            return key in self._data

        def __len__(self):
            return len(self._data)

        def __iter__(self):
            return list(self._data)

        def keys(self):
            return self._data.keys()

        def values(self):
            return self._data.values()

        def items(self):
            return self._data.items()

        def get(self, key, default=None):
            return self._data.get(key, default)

        def move_to_end(self, key, last=True):
            value = self._data.pop(key)
            if last:
                self._data[key] = value
            else:
                rest = self._data
                self._data = {key: value}
                self._data.update(rest)

        def popitem(self, last=True):
            if not self._data:
                raise KeyError("dictionary is empty")
            key = list(self._data)[-1 if last else 0]
            return (key, self._data.pop(key))

        def pop(self, key, *default):
            return self._data.pop(key, *default)

        def __delitem__(self, key):
            del self._data[key]

        def __eq__(self, other):
            if isinstance(other, OrderedDict):
                return list(self._data.items()) == list(other._data.items())
            return self._data == other

        def __repr__(self):
            if not self._data:
                return "OrderedDict()"
            return "OrderedDict(" + repr(list(self._data.items())) + ")"


    class Counter:
        def __init__(self, iterable=None, **kwargs):
            self._data = {}
            self.update(iterable, **kwargs)

        def update(self, iterable=None, **kwargs):
            if iterable is not None:
                if isinstance(iterable, (dict, Counter)):
                    for key in iterable:
                        self._data[key] = self._data.get(key, 0) + iterable[key]
                else:
                    for x in iterable:
                        self._data[x] = self._data.get(x, 0) + 1
            for key in kwargs:
                self._data[key] = self._data.get(key, 0) + kwargs[key]

        def subtract(self, iterable=None, **kwargs):
            if iterable is not None:
                if isinstance(iterable, (dict, Counter)):
                    for key in iterable:
                        self._data[key] = self._data.get(key, 0) - iterable[key]
                else:
                    for x in iterable:
                        self._data[x] = self._data.get(x, 0) - 1
            for key in kwargs:
                self._data[key] = self._data.get(key, 0) - kwargs[key]

        def __getitem__(self, key):
            return self._data.get(key, 0)

        def __setitem__(self, key, value):
            self._data[key] = value

        def __delitem__(self, key):
            if key in self._data:
                del self._data[key]

        def __contains__(self, key):
            return key in self._data

        def __len__(self):
            return len(self._data)

        def __iter__(self):
            return list(self._data)

        def __eq__(self, other):
            if not isinstance(other, Counter):
                return False
            keys = set(self._data) | set(other._data)
            return all(self[k] == other[k] for k in keys)

        def __add__(self, other):
            result = Counter()
            for key in list(self._data) + [k for k in other._data if k not in self._data]:
                n = self[key] + other[key]
                if n > 0:
                    result._data[key] = n
            return result

        def __sub__(self, other):
            result = Counter()
            for key in self._data:
                n = self[key] - other[key]
                if n > 0:
                    result._data[key] = n
            return result

        def keys(self):
            return self._data.keys()

        def values(self):
            return self._data.values()

        def items(self):
            return self._data.items()

        def get(self, key, default=None):
            return self._data.get(key, default)

        def total(self):
            return sum(self._data.values())

        def elements(self):
            out = []
            for key, n in self._data.items():
                out.extend([key] * n)
            return out

        def most_common(self, n=None):
            ranked = sorted(self._data.items(), key=lambda kv: -kv[1])
            return ranked if n is None else ranked[:n]

        def __repr__(self):
            if not self._data:
                return "Counter()"
            return "Counter(" + repr(dict(self.most_common())) + ")"


    def namedtuple(typename, field_names, defaults=None):
        if isinstance(field_names, str):
            field_names = field_names.replace(",", " ").split()
        fields = list(field_names)
        field_defaults = {}
        if defaults:
            defaults = list(defaults)
            for name, value in zip(fields[len(fields) - len(defaults):], defaults):
                field_defaults[name] = value

        class _Record:
            def __init__(self, *values, **named):
                values = list(values)
                for name in fields[len(values):]:
                    if name in named:
                        values.append(named[name])
                    elif name in field_defaults:
                        values.append(field_defaults[name])
                    else:
                        raise TypeError(typename + ".__new__() missing 1 required positional argument: '" + name + "'")
                if len(values) != len(fields):
                    raise TypeError(typename + "() takes " + str(len(fields)) + " arguments")
                self._values = tuple(values)
                for name, value in zip(fields, values):
                    setattr(self, name, value)

            def __getitem__(self, i):
                return self._values[i]

            def __len__(self):
                return len(fields)

            def __iter__(self):
                return list(self._values)

            def __eq__(self, other):
                return tuple(self) == tuple(other)

            def _asdict(self):
                return dict(zip(fields, self._values))

            def _replace(self, **changes):
                values = [changes.get(name, value) for name, value in zip(fields, self._values)]
                return _Record(*values)

            def __hash__(self):
                return hash(self._values)

            def __repr__(self):
                parts = [name + "=" + repr(value) for name, value in zip(fields, self._values)]
                return typename + "(" + ", ".join(parts) + ")"

        _Record._fields = tuple(fields)
        _Record._field_defaults = field_defaults
        _Record.__name__ = typename
        return _Record
    """#

  static let itertools = #"""
    def chain(*iterables):
        out = []
        for it in iterables:
            out.extend(list(it))
        return out


    def _chain_from_iterable(iterables):
        return chain(*list(iterables))


    chain.from_iterable = _chain_from_iterable


    def takewhile(predicate, iterable):
        out = []
        for x in iterable:
            if not predicate(x):
                break
            out.append(x)
        return out


    def dropwhile(predicate, iterable):
        out = []
        dropping = True
        for x in iterable:
            if dropping and predicate(x):
                continue
            dropping = False
            out.append(x)
        return out


    def compress(data, selectors):
        return [d for d, s in zip(data, selectors) if s]


    def filterfalse(predicate, iterable):
        if predicate is None:
            return [x for x in iterable if not x]
        return [x for x in iterable if not predicate(x)]


    def starmap(function, iterable):
        return [function(*args) for args in iterable]


    def groupby(iterable, key=None):
        out = []
        group = None
        current = None
        for x in iterable:
            k = x if key is None else key(x)
            if group is None or k != current:
                group = []
                current = k
                out.append((k, group))
            group.append(x)
        return [(k, iter(g)) for k, g in out]


    def tee(iterable, n=2):
        items = list(iterable)
        return tuple(iter(items) for _ in range(n))


    def pairwise(iterable):
        items = list(iterable)
        return [(items[i], items[i + 1]) for i in range(len(items) - 1)]


    def combinations_with_replacement(iterable, r):
        pool = list(iterable)
        n = len(pool)
        if not n and r:
            return []
        result = []
        indices = [0] * r
        result.append(tuple(pool[i] for i in indices))
        while True:
            i = r - 1
            while i >= 0 and indices[i] == n - 1:
                i -= 1
            if i < 0:
                return result
            indices[i:] = [indices[i] + 1] * (r - i)
            result.append(tuple(pool[i] for i in indices))


    def product(*iterables, repeat=1):
        pools = [list(it) for it in iterables] * repeat
        result = [()]
        for pool in pools:
            result = [r + (x,) for r in result for x in pool]
        return result


    def islice(iterable, *args):
        if len(args) == 1:
            start, stop, step = 0, args[0], 1
        else:
            start, stop = args[0], args[1]
            step = args[2] if len(args) > 2 else 1
        start = 0 if start is None else start
        step = 1 if step is None else step
        out = []
        if stop is not None and stop <= start:
            return out
        it = iter(iterable)
        i = 0
        while stop is None or i < stop:
            try:
                x = next(it)
            except StopIteration:
                break
            if i >= start and (i - start) % step == 0:
                out.append(x)
            i += 1
        return out


    def accumulate(iterable, func=None, *, initial=None):
        out = []
        total = initial
        first = initial is None
        if not first:
            out.append(total)
        for x in iterable:
            if first:
                total = x
                first = False
            else:
                total = total + x if func is None else func(total, x)
            out.append(total)
        return out


    def combinations(iterable, r):
        pool = list(iterable)
        n = len(pool)
        if r > n:
            return []
        result = []
        indices = list(range(r))
        result.append(tuple(pool[i] for i in indices))
        while True:
            i = r - 1
            while i >= 0 and indices[i] == i + n - r:
                i -= 1
            if i < 0:
                return result
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
            result.append(tuple(pool[i] for i in indices))


    def permutations(iterable, r=None):
        pool = list(iterable)
        n = len(pool)
        r = n if r is None else r
        if r > n:
            return []
        if r == 0:
            return [()]
        result = []
        for i in range(n):
            rest = pool[:i] + pool[i + 1:]
            for tail in permutations(rest, r - 1):
                result.append((pool[i],) + tail)
        return result


    def zip_longest(*iterables, fillvalue=None):
        lists = [list(it) for it in iterables]
        n = max([len(l) for l in lists], default=0)
        return [tuple(l[i] if i < len(l) else fillvalue for l in lists) for i in range(n)]
    """#

  static let functools = #"""
    def reduce(function, iterable, *initial):
        items = list(iterable)
        if initial:
            acc = initial[0]
        else:
            if not items:
                raise TypeError("reduce() of empty iterable with no initial value")
            acc = items[0]
            items = items[1:]
        for x in items:
            acc = function(acc, x)
        return acc


    class partial:
        def __init__(self, func, *args, **keywords):
            self.func = func
            self.args = args
            self.keywords = keywords

        def __call__(self, *args, **keywords):
            merged = dict(self.keywords)
            merged.update(keywords)
            return self.func(*self.args, *args, **merged)

        def __repr__(self):
            return "functools.partial(" + repr(self.func) + ")"


    def lru_cache(maxsize=128, typed=False):
        def decorate(function):
            memo = {}

            def wrapper(*args, **kwargs):
                key = args + (("__kwargs__",) + tuple(sorted(kwargs.items())) if kwargs else ())
                if key in memo:
                    return memo[key]
                result = function(*args, **kwargs)
                memo[key] = result
                return result

            def cache_clear():
                memo.clear()

            wrapper.__name__ = function.__name__
            wrapper.__doc__ = function.__doc__
            wrapper.__wrapped__ = function
            wrapper.cache_clear = cache_clear
            return wrapper
        if callable(maxsize):
            return decorate(maxsize)
        return decorate


    def cache(function):
        return lru_cache(maxsize=None)(function)


    def cmp_to_key(mycmp):
        class K:
            def __init__(self, obj):
                self.obj = obj

            def __lt__(self, other):
                return mycmp(self.obj, other.obj) < 0

            def __gt__(self, other):
                return mycmp(self.obj, other.obj) > 0

            def __le__(self, other):
                return mycmp(self.obj, other.obj) <= 0

            def __ge__(self, other):
                return mycmp(self.obj, other.obj) >= 0

            def __eq__(self, other):
                return mycmp(self.obj, other.obj) == 0

        return K


    def wraps(wrapped):
        def decorate(function):
            function.__name__ = wrapped.__name__
            function.__doc__ = wrapped.__doc__
            function.__wrapped__ = wrapped
            return function
        return decorate
    """#
}
