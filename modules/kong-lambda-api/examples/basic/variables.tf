# This example takes no inputs.
