"""`python -m chipread` runs the same command as `chipread`."""

from chipread.cli import main

main()
