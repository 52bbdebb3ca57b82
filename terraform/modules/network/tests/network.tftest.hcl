# The VPC as planned: nothing gets a public address or lands in the default group by accident, and
# every private subnet's way out is a NAT gateway.

# Applied against the mock: the default group's rules and the routes' links are known only then.
mock_provider "aws" {
  source = "../../test/mocks"
}

variables {
  name = "serverless-shop-dev"
}

run "private_by_default" {
  # CKV2_AWS_12
  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The default security group allows something."
  }

  # CKV_AWS_130
  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2 && alltrue([for s in values(aws_subnet.public) : s.map_public_ip_on_launch == false])
    error_message = "Not two AZs, or a public subnet gives public addresses."
  }

  assert {
    condition = alltrue([
      for az, route in aws_route.private_nat : route.destination_cidr_block == "0.0.0.0/0" && route.nat_gateway_id == aws_nat_gateway.this[keys(aws_nat_gateway.this)[0]].id && aws_route_table_association.private[az].subnet_id == aws_subnet.private[az].id
    ])
    error_message = "A private subnet does not route 0.0.0.0/0 to the NAT gateway, or is not associated with its route table."
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1 && aws_route.public_internet.destination_cidr_block == "0.0.0.0/0"
    error_message = "Not one NAT gateway by default, or the public subnets do not route to the internet gateway."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.https.from_port == 443 && aws_vpc_security_group_egress_rule.https.to_port == 443 &&
      aws_vpc_security_group_egress_rule.https.ip_protocol == "tcp"
    )
    error_message = "The HTTPS egress group lets out more than HTTPS."
  }
}

run "a_nat_gateway_per_az_when_asked" {
  command = plan

  variables {
    nat_gateway_per_az = true
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 2 && length(aws_eip.nat) == 2
    error_message = "nat_gateway_per_az does not make a NAT gateway in each AZ."
  }
}
