output "vpc_id" {
  description = "The VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Private subnets, one per AZ: the database and the products functions."
  value       = [for az in local.azs : aws_subnet.private[az].id]
}

output "public_subnet_ids" {
  description = "Public subnets, one per AZ: the NAT gateway(s) only."
  value       = [for az in local.azs : aws_subnet.public[az].id]
}

output "https_egress_security_group_id" {
  description = "Security group allowing HTTPS out through the NAT gateway, for functions in the VPC."
  value       = aws_security_group.https_egress.id
}

output "nat_public_ips" {
  description = "The addresses the VPC's outbound traffic comes from."
  value       = [for eip in aws_eip.nat : eip.public_ip]
}
