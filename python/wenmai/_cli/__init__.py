"""The parts of the ``wenmai`` command (see ``wenmai.cli``): inputs, output, report."""
