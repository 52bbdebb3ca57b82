# The API's routes, planned for the whole environment from the generated api-spec/target/routes.json,
# against the contracts themselves (api-spec/*.yaml, read here independently of the generator; the
# order events' AsyncAPI contract has no paths, hence no route): one
# route per public operation, no other, each with its operation's authorization. An internal operation
# (x-shop-internal: true, the stock reservations) has no route: only a direct invocation reaches it.

mock_provider "aws" {
  override_during = plan
  source          = "../../test/mocks"
}

# CloudFront's provider (us-east-1), mocked alike.
mock_provider "aws" {
  alias           = "cloudfront"
  override_during = plan
  source          = "../../test/mocks"
}

variables {
  region                = "eu-west-1"
  products_image_digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
  orders_image_digest   = "sha256:2222222222222222222222222222222222222222222222222222222222222222"
}

run "routes_are_the_contracts_operations" {
  command = plan

  assert {
    condition     = length(module.api.routes) >= 9
    error_message = "Only ${length(module.api.routes)} routes are planned."
  }

  # Every public operation of every contract, as "<METHOD> <path>", and not one internal operation.
  assert {
    condition = toset(keys(module.api.routes)) == toset(flatten([
      for file in fileset("${local.repository_root}/api-spec", "*.yaml") : [
        for path, item in try(yamldecode(file("${local.repository_root}/api-spec/${file}")).paths, {}) : [
          for method in ["get", "put", "post", "delete", "patch"] : "${upper(method)} ${path}" if contains(keys(item), method) && !try(item[method]["x-shop-internal"], false)
        ]
      ]
    ]))
    error_message = "The planned routes are not the contracts' operations: ${jsonencode(keys(module.api.routes))}."
  }

  assert {
    condition = alltrue(flatten([
      for file in fileset("${local.repository_root}/api-spec", "*.yaml") : [
        for path, item in try(yamldecode(file("${local.repository_root}/api-spec/${file}")).paths, {}) : [
          for method, operation in item : (
            module.api.routes["${upper(method)} ${path}"].operation_name == operation.operationId
          ) if contains(["get", "put", "post", "delete", "patch"], method) && !try(operation["x-shop-internal"], false)
        ]
      ]
    ]))
    error_message = "A route does not carry its operation's id."
  }
}

run "protected_operations_have_the_jwt_authorizer_with_their_scopes" {
  command = plan

  # The authorizer's id is AWS's to make: a known one, so the routes can be seen to carry it.
  override_resource {
    target          = module.api.aws_apigatewayv2_authorizer.cognito
    override_during = plan
    values = {
      id = "cognito-authorizer"
    }
  }

  assert {
    condition = alltrue(flatten([
      for file in fileset("${local.repository_root}/api-spec", "*.yaml") : [
        for path, item in try(yamldecode(file("${local.repository_root}/api-spec/${file}")).paths, {}) : [
          for method, operation in item : (
            length(try(operation.security, yamldecode(file("${local.repository_root}/api-spec/${file}")).security, [])) > 0
            ? module.api.routes["${upper(method)} ${path}"].authorization_type == "JWT" && module.api.routes["${upper(method)} ${path}"].authorizer_id == "cognito-authorizer"
            : module.api.routes["${upper(method)} ${path}"].authorization_type == "NONE" && module.api.routes["${upper(method)} ${path}"].authorizer_id == null
          ) if contains(["get", "put", "post", "delete", "patch"], method) && !try(operation["x-shop-internal"], false)
        ]
      ]
    ]))
    error_message = "An operation with a security requirement has no JWT authorizer, or one without has one: ${jsonencode({ for key, route in module.api.routes : key => route.authorization_type })}."
  }

  assert {
    condition = alltrue(flatten([
      for file in fileset("${local.repository_root}/api-spec", "*.yaml") : [
        for path, item in try(yamldecode(file("${local.repository_root}/api-spec/${file}")).paths, {}) : [
          for method, operation in item : (
            # An operation without security of its own has the contract's (bearerAuth [shop/orders]).
            try(module.api.routes["${upper(method)} ${path}"].authorization_scopes, null) == (
              length(flatten([for requirement in try(operation.security, yamldecode(file("${local.repository_root}/api-spec/${file}")).security, []) : values(requirement)])) > 0
              ? toset(flatten([for requirement in try(operation.security, yamldecode(file("${local.repository_root}/api-spec/${file}")).security) : values(requirement)])) : null
            )
          ) if contains(["get", "put", "post", "delete", "patch"], method) && !try(operation["x-shop-internal"], false)
        ]
      ]
    ]))
    error_message = "A route's scopes are not its operation's: ${jsonencode({ for key, route in module.api.routes : key => route.authorization_scopes })}."
  }

  # Both kinds exist, so neither assertion above holds for want of routes.
  assert {
    condition     = length([for route in values(module.api.routes) : route if route.authorization_type == "JWT"]) > 0 && length([for route in values(module.api.routes) : route if route.authorization_type == "NONE"]) > 0
    error_message = "The routes are not a mix of protected and public ones."
  }
}

# The administrators' API (served under /admin) has exactly the shoppers' API's routes, with the same
# operations, authorization types and scopes: only the authorizer differs, the administrators' pool's.
run "the_administrators_api_has_the_same_routes" {
  command = plan

  override_resource {
    target          = module.api.aws_apigatewayv2_authorizer.cognito
    override_during = plan
    values = {
      id = "cognito-authorizer"
    }
  }

  override_resource {
    target          = module.admin_api.aws_apigatewayv2_authorizer.cognito
    override_during = plan
    values = {
      id = "admin-authorizer"
    }
  }

  assert {
    condition     = toset(keys(module.admin_api.routes)) == toset(keys(module.api.routes)) && length(module.admin_api.routes) >= 9
    error_message = "The administrators' API's routes are not the shoppers' API's: ${jsonencode(keys(module.admin_api.routes))}."
  }

  assert {
    condition = alltrue([
      for key, route in module.api.routes :
      module.admin_api.routes[key].operation_name == route.operation_name &&
      module.admin_api.routes[key].authorization_type == route.authorization_type &&
      try(module.admin_api.routes[key].authorization_scopes, null) == try(route.authorization_scopes, null)
    ])
    error_message = "A route of the administrators' API differs from the shoppers' in its operation, authorization type or scopes."
  }

  assert {
    condition = alltrue([
      for key, route in module.admin_api.routes :
      route.authorization_type == "JWT" ? route.authorizer_id == "admin-authorizer" && module.api.routes[key].authorizer_id == "cognito-authorizer" : route.authorizer_id == null
    ])
    error_message = "A protected route of the administrators' API is not behind its own authorizer: ${jsonencode({ for key, route in module.admin_api.routes : key => route.authorizer_id })}."
  }
}
