output "vpc_id" {
  description = "The VPC."
  value       = aws_vpc.this.id
}

# Whatever is placed in these subnets waits for their way out: a subnet is usable once it is
# associated with its route table, that table routes 0.0.0.0/0 to a NAT gateway, and the gateway's
# subnet routes to the internet gateway. Even a -target apply of a function then creates them.
output "private_subnet_ids" {
  description = "Private subnets, one per AZ, each with its route out through a NAT gateway: the database and the products functions."
  value       = [for az in local.azs : aws_subnet.private[az].id]

  depends_on = [
    aws_route_table_association.private,
    aws_route.private_nat,
    aws_nat_gateway.this,
    aws_route_table_association.public,
    aws_route.public_internet,
  ]
}

output "public_subnet_ids" {
  description = "Public subnets, one per AZ: the NAT gateway(s) only."
  value       = [for az in local.azs : aws_subnet.public[az].id]
}

# A new security group has no egress rule: the group is handed out with its rule.
output "https_egress_security_group_id" {
  description = "Security group allowing HTTPS out through the NAT gateway, for functions in the VPC."
  value       = aws_security_group.https_egress.id

  depends_on = [aws_vpc_security_group_egress_rule.https]
}

output "nat_public_ips" {
  description = "The addresses the VPC's outbound traffic comes from."
  value       = [for eip in aws_eip.nat : eip.public_ip]
}

output "private_egress" {
  description = "Per AZ, the private subnet's way out: the route table it is associated with, that table's default route and the NAT gateway it leads to, and how the gateway reaches the internet (its public IP, its subnet's route table, the internet gateway)."
  value = {
    for az in local.azs : az => {
      subnet_id              = aws_route_table_association.private[az].subnet_id
      route_table_id         = aws_route_table_association.private[az].route_table_id
      destination_cidr_block = aws_route.private_nat[az].destination_cidr_block
      nat_gateway_id         = aws_route.private_nat[az].nat_gateway_id
      nat_public_ip          = aws_eip.nat[local.nat_for_az[az]].public_ip
      nat_allocation_id      = aws_nat_gateway.this[local.nat_for_az[az]].allocation_id
      nat_subnet_route_table = aws_route_table_association.public[local.nat_for_az[az]].route_table_id
      internet_gateway_id    = aws_route.public_internet.gateway_id
    }
  }
}

output "https_egress_rule_id" {
  description = "The rule that lets the HTTPS-egress security group out on port 443."
  value       = aws_vpc_security_group_egress_rule.https.id
}
