# A VPC over two Availability Zones: public subnets hold only the NAT gateway(s), private subnets
# hold the database and the products functions. Nothing in the private subnets has a public address.
#
# Why a NAT gateway and not only a Secrets Manager VPC endpoint: the products function reads its
# database secret from Secrets Manager (an endpoint would do), but it also validates bearer tokens
# itself on the public routes (an administrator listing inactive products sends a token to
# GET /products, which has no authorizer), so it fetches the user pool's signing keys from
# cognito-idp.<region>.amazonaws.com. Cognito's PrivateLink endpoint refuses user pools that have a
# domain, and this pool needs one for the hosted sign-in, so those keys are reachable only over the
# internet. One NAT gateway covers both; a Secrets Manager endpoint on top would cost about as much
# again (an interface endpoint is billed per AZ) for no gain. See the README, "Deploy to AWS".

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # A /20 per subnet: public ones from the bottom of the range, private ones from its middle.
  subnets = {
    for index, az in local.azs : az => {
      public  = cidrsubnet(var.cidr, 4, index)
      private = cidrsubnet(var.cidr, 4, index + 8)
    }
  }

  # One NAT gateway by default (cheaper); one per AZ keeps egress up when an AZ is down.
  nat_azs = var.nat_gateway_per_az ? local.azs : [local.azs[0]]
  # The AZ's own NAT gateway when there is one per AZ, else the single one.
  nat_for_az = { for az in local.azs : az => contains(local.nat_azs, az) ? az : local.nat_azs[0] }
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

# The default security group allows nothing, so nothing can end up in it by accident.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-default-deny" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = var.name }
}

resource "aws_subnet" "public" {
  for_each = local.subnets

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.key
  cidr_block              = each.value.public
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-public-${each.key}", Tier = "public" }
}

resource "aws_subnet" "private" {
  for_each = local.subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value.private

  tags = { Name = "${var.name}-private-${each.key}", Tier = "private" }
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_azs)

  domain = "vpc"

  tags = { Name = "${var.name}-nat-${each.key}" }
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_azs)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.public[each.key].id

  tags = { Name = "${var.name}-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  for_each = local.subnets

  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-private-${each.key}" }
}

resource "aws_route" "private_nat" {
  for_each = local.subnets

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[local.nat_for_az[each.key]].id
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private[each.key].id
}

# For functions in the VPC: HTTPS out (AWS APIs such as Secrets Manager, and Cognito's signing
# keys) through the NAT gateway, and nothing else. Database access is granted by the database module.
resource "aws_security_group" "https_egress" {
  name        = "${var.name}-https-egress"
  description = "HTTPS to AWS APIs and Cognito through the NAT gateway"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name}-https-egress" }

  # Lambda releases a function's network interfaces some time after the function is deleted; the
  # group cannot go before they do.
  timeouts {
    delete = "45m"
  }
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.https_egress.id
  description       = "HTTPS to AWS APIs and Cognito"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
