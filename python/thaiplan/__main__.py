"""``python -m thaiplan ...`` = the ``thaiplan`` command."""

from ._cli import main

main()
