package dev.dindcluster.plan;

import dev.dindcluster.net.Cidr;
import dev.dindcluster.net.IpAddress;

/**
 * ipv6 mode's DNS64 (bind9) and NAT64 (tayga) support containers.
 *
 * @param v4Prefix two octets, CLUSTER_ID already added to the second (e.g. "172.18")
 * @param serverIp tayga's IPv6 address: management v6 network + 0x200
 * @param dnsServerIp bind9's address (+0x100); the nodes' DNS server
 * @param v4Subnet the extra IPv4 subnet of the management network, v4Prefix.0.0/16
 * @param v4Address tayga's IPv4 address, v4Prefix.0.200
 * @param v4DynamicPool tayga's pool v4Prefix.0.128/25 (host route via v4Address)
 * @param remoteDns64V4Server the upstream resolver (REMOTE_DNS64_V4SERVER)
 */
public record Nat64Plan(
    String v4Prefix,
    IpAddress serverIp,
    IpAddress dnsServerIp,
    Cidr dns64PrefixCidr,
    Cidr v4Subnet,
    IpAddress v4Address,
    Cidr v4DynamicPool,
    IpAddress remoteDns64V4Server,
    String dns64ContainerName,
    String nat64ContainerName,
    String supportLabel) {}
