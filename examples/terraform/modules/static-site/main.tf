variable "domain" {
  type = string
}

resource "alicloud_cdn_domain_new" "this" {
  domain_name = var.domain
  cdn_type    = "web"

  sources {
    content  = "static-origin.oss-cn-hangzhou.aliyuncs.com"
    type     = "oss"
    port     = 443
    priority = 20
    weight   = 10
  }
}

output "cname" {
  value = alicloud_cdn_domain_new.this.cname
}
