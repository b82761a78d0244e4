# tflint configuration for the Terraform modules and examples; run with
# scripts/lint-modules.sh, which builds tflint and the AWS ruleset offline.
config {
  # Each module and example is linted on its own.
  call_module_type = "none"
}

plugin "terraform" {
  enabled = true
  preset  = "all"
}

# Found in TFLINT_PLUGIN_DIR; scripts/lint-modules.sh pins the version.
plugin "aws" {
  enabled = true
}
