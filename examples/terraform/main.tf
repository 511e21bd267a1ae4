# icp-guard over a Terraform plan: the same rules, registry and waivers as for Pulumi.
#   terraform plan -out=tfplan && terraform show -json tfplan > plan.json
#   ICP_GUARD_FILINGS=../icp-filings.yaml node ../../bin/cli/icp-guard.js check plan.json --source-root .   # this checkout's build
terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = "~> 1.240"
    }
  }
}

variable "region" {
  type    = string
  default = "cn-hangzhou"
}

provider "alicloud" {
  region = var.region
}

provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
}

# The shop's web server address, in cn-hangzhou.
resource "alicloud_eip_address" "web" {
  address_name         = "shop-web"
  bandwidth            = "5"
  internet_charge_type = "PayByTraffic"
}

# shop-example.com is filed with Alibaba Cloud as access provider (接入阿里云): passes.
resource "alicloud_alidns_record" "www" {
  domain_name = "shop-example.com"
  rr          = "www"
  type        = "A"
  value       = alicloud_eip_address.web.ip_address
}

# partner-example.com is filed, but through Tencent Cloud: a mainland EIP needs 接入阿里云.
resource "alicloud_alidns_record" "partner" {
  domain_name = "partner-example.com"
  rr          = "shop"
  type        = "A"
  value       = alicloud_eip_address.web.ip_address
}

# A static site per launch domain; the module leaves the CDN scope out (default: domestic).
module "static_site" {
  source   = "./modules/static-site"
  for_each = toset(["launch-example.com"])

  domain = "static.${each.key}"
}

# Images for the launch, served from Hong Kong: no ICP filing needed.
resource "alicloud_oss_bucket" "images" {
  provider = alicloud.hk
  bucket   = "launch-example-images"
}

resource "alicloud_oss_bucket_cname" "images" {
  provider = alicloud.hk
  bucket   = alicloud_oss_bucket.images.bucket
  domain   = "img.launch-example.com"
}
