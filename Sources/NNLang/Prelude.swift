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


    class defaultdict:
        def __init__(self, default_factory=None, *args):
            self.default_factory = default_factory
            self._data = dict(*args)

        def __getitem__(self, key):
            if key not in self._data:
                if self.default_factory is None:
                    raise KeyError(key)
                self._data[key] = self.default_factory()
            return self._data[key]

        def __setitem__(self, key, value):
            self._data[key] = value

        def __contains__(self, key):
            return key in self._data

        def __len__(self):
            return len(self._data)

        def __iter__(self):
            return list(self._data)

        def get(self, key, default=None):
            return self._data.get(key, default)

        def keys(self):
            return self._data.keys()

        def values(self):
            return self._data.values()

        def items(self):
            return self._data.items()

        def __repr__(self):
            name = getattr(self.default_factory, "__name__", repr(self.default_factory))
            return "defaultdict(<class '" + name + "'>, " + repr(self._data) + ")"


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

        def __repr__(self):
            if not self._data:
                return "OrderedDict()"
            return "OrderedDict(" + repr(list(self._data.items())) + ")"


    class Counter:
        def __init__(self, iterable=()):
            self._data = {}
            for x in iterable:
                self._data[x] = self._data.get(x, 0) + 1

        def __getitem__(self, key):
            return self._data.get(key, 0)

        def __setitem__(self, key, value):
            self._data[key] = value

        def __len__(self):
            return len(self._data)

        def __iter__(self):
            return list(self._data)

        def items(self):
            return self._data.items()

        def most_common(self, n=None):
            ranked = sorted(self._data.items(), key=lambda kv: -kv[1])
            return ranked if n is None else ranked[:n]

        def __repr__(self):
            return "Counter(" + repr(dict(self.most_common())) + ")"


    def namedtuple(typename, field_names):
        if isinstance(field_names, str):
            field_names = field_names.replace(",", " ").split()
        fields = list(field_names)

        class _Record:
            def __init__(self, *values, **named):
                values = list(values)
                for name in fields[len(values):]:
                    values.append(named[name])
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

            def __repr__(self):
                parts = [name + "=" + repr(value) for name, value in zip(fields, self._values)]
                return typename + "(" + ", ".join(parts) + ")"

        _Record._fields = tuple(fields)
        return _Record
    """#

  static let itertools = #"""
    def chain(*iterables):
        out = []
        for it in iterables:
            out.extend(list(it))
        return out


    def product(*iterables, repeat=1):
        pools = [list(it) for it in iterables] * repeat
        result = [()]
        for pool in pools:
            result = [r + (x,) for r in result for x in pool]
        return result


    def islice(iterable, *args):
        items = list(iterable)
        if len(args) == 1:
            return items[:args[0]]
        start, stop = args[0], args[1]
        step = args[2] if len(args) > 2 else 1
        return items[start:stop:step]


    def count(start=0, step=1):
        raise NotImplementedError("itertools.count() is endless; nn's iterators are lists: use range()")


    def accumulate(iterable, func=None):
        out = []
        total = None
        for i, x in enumerate(iterable):
            total = x if i == 0 else (total + x if func is None else func(total, x))
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


    def repeat(obj, times):
        return [obj] * times


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


    def lru_cache(maxsize=128):
        def decorate(function):
            return function
        if callable(maxsize):
            return maxsize
        return decorate


    def wraps(wrapped):
        def decorate(function):
            return function
        return decorate
    """#
}
