output "api1_acl_group" {
  description = "Group a consumer needs to call api1."
  value       = module.api1.acl_group
}

output "api2_validation_contract" {
  description = "Schemas the api2 Flask app validates against."
  value       = module.api2.validation_contract
}
