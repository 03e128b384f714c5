//! Who the client is, for throttles: the TCP peer, unless the peer is a trusted proxy;
//! then the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (the
//! entries left of it are whatever the client chose to send). IPv6 clients count per /64,
//! since one host is handed a whole /64 and can pick a new address for every request.

use std::net::IpAddr;

use ipnet::{IpNet, Ipv6Net};

pub fn parse_proxies(cidrs: &[String]) -> Result<Vec<IpNet>, String> {
    cidrs
        .iter()
        .map(|cidr| {
            cidr.parse::<IpNet>()
                .or_else(|_| cidr.parse::<IpAddr>().map(IpNet::from))
                .map(|net| net.trunc())
                .map_err(|_| format!("trusted_proxies: {cidr} is not an address or CIDR"))
        })
        .collect()
}

/// The throttle key of the client behind `peer`; `forwarded_for` is every
/// `X-Forwarded-For` line of the request, in order (proxies may add a line of their own
/// rather than append to the client's).
pub fn resolve(peer: Option<IpAddr>, forwarded_for: &[&str], trusted: &[IpNet]) -> String {
    let Some(peer) = peer else {
        return "unknown".into();
    };
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return key(peer);
    }
    let mut client = peer;
    let entries = forwarded_for
        .iter()
        .rev()
        .flat_map(|line| line.rsplit(','))
        .map(str::trim);
    for entry in entries {
        match parse_entry(entry) {
            Some(ip) if is_trusted(&ip) => client = ip,
            Some(ip) => return key(ip),
            None => {
                // Not written by a proxy we trust: stop at the last hop we can vouch for.
                tracing::warn!(
                    "unreadable X-Forwarded-For entry; counting the proxy as the client"
                );
                break;
            }
        }
    }
    key(client)
}

/// `203.0.113.9`, `203.0.113.9:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

fn key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => Ipv6Net::new(v6, 64)
            .map(|net| net.trunc().to_string())
            .unwrap_or_else(|_| v6.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> Option<IpAddr> {
        text.parse().ok()
    }

    fn proxies() -> Vec<IpNet> {
        parse_proxies(&["10.0.0.0/8".into(), "192.168.1.1".into()]).expect("valid")
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        assert_eq!(
            resolve(ip("203.0.113.9"), &["198.51.100.1"], &proxies()),
            "203.0.113.9"
        );
        assert_eq!(resolve(ip("203.0.113.9"), &[], &[]), "203.0.113.9");
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_entry_is_the_client() {
        let forwarded = "1.1.1.1, 198.51.100.7, 10.1.2.3";
        assert_eq!(
            resolve(ip("192.168.1.1"), &[forwarded], &proxies()),
            "198.51.100.7",
            "the spoofed left-most entry is ignored"
        );
        assert_eq!(
            resolve(ip("10.0.0.5"), &[], &proxies()),
            "10.0.0.5",
            "no header: the proxy itself"
        );
        assert_eq!(
            resolve(ip("10.0.0.5"), &["garbage, 10.9.9.9"], &proxies()),
            "10.9.9.9",
            "a malformed entry stops the walk at the last trusted hop"
        );
    }

    #[test]
    fn a_proxy_that_adds_its_own_line_and_ports_are_understood() {
        // The client wrote the first line; the trusted proxy added the second.
        assert_eq!(
            resolve(
                ip("10.0.0.5"),
                &["1.1.1.1", "198.51.100.7:51234"],
                &proxies()
            ),
            "198.51.100.7"
        );
        assert_eq!(
            resolve(ip("10.0.0.5"), &["[2001:db8:9::1]:443"], &proxies()),
            "2001:db8:9::/64"
        );
    }

    #[test]
    fn ipv6_clients_count_per_slash_64() {
        let a = resolve(ip("2001:db8:1:2:aaaa::1"), &[], &[]);
        let b = resolve(ip("2001:db8:1:2:bbbb::2"), &[], &[]);
        let c = resolve(ip("2001:db8:1:3::1"), &[], &[]);
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(resolve(ip("::ffff:203.0.113.9"), &[], &[]), "203.0.113.9");
    }

    #[test]
    fn bad_proxy_entries_are_refused_at_start() {
        assert!(parse_proxies(&["10.0.0.0/33".into()]).is_err());
        assert!(parse_proxies(&["proxy.internal".into()]).is_err());
    }
}
