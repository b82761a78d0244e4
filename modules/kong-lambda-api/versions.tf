terraform {
  # 1.11: write-only attributes, used by the consumers' key-auth credentials next to this module.
  required_version = ">= 1.11"

  required_providers {
    kong = {
      source  = "kongform/kong"
      version = ">= 0.1.0"
    }
  }
}
