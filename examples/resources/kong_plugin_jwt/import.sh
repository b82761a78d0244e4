# By id
terraform import kong_plugin_jwt.ui_api 3e5a7c9e-1b3d-4f6a-8c0e-2d4f6a8c0e1b
