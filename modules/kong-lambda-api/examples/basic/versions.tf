terraform {
  required_version = ">= 1.11"

  required_providers {
    kong = {
      source  = "kongform/kong"
      version = ">= 0.1.0"
    }
  }
}
