"""The exit codes of the ``wenmai`` command."""

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE = 0, 1, 2
