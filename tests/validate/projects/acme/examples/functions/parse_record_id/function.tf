output "record" {
  value = provider::acme::parse_record_id(acme_dns_record.www.id).record_id
}
