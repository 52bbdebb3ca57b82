output "repository_urls" {
  description = "Repository URL per image name (<account>.dkr.ecr.<region>.amazonaws.com/<name>)."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}

output "repository_names" {
  description = "Repository name per image name."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.name }
}

output "registry" {
  description = "The registry host docker logs in to."
  value       = split("/", values(aws_ecr_repository.this)[0].repository_url)[0]
}
