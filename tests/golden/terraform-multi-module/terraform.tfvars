project        = "shop"
instance_count = 2
ingress_ports  = [80, 443]
