"""URL converters shared by every package."""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # the largest value of our integer primary keys on every backend


class IdConverter(IntegerConverter):
    """`<id:name>`: a positive database id; anything larger than a key can be is a 404."""

    def __init__(self, map, *args, **kwargs) -> None:
        super().__init__(map, min=1, max=MAX_ID)
