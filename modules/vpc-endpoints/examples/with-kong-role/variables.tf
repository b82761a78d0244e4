# This example takes no input variables: its values are written inline so that it
# reads as a usage example (it is included in the module README).
