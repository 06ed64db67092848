package main

import (
	"errors"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/miekg/dns"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	listers "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
)

// Queries as captured from conformance runs on IPv6-only and dual-stack clusters.

func testServer(t *testing.T, upstreams []string, exchange func(*dns.Msg, string, string) (*dns.Msg, error), objs ...interface{}) *server {
	t.Helper()
	svcs := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	eps := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	for _, o := range objs {
		switch o.(type) {
		case *v1.Service:
			svcs.Add(o)
		case *v1.Endpoints:
			eps.Add(o)
		}
	}
	return &server{domain: "cluster.local.", services: listers.NewServiceLister(svcs), endpoints: listers.NewEndpointsLister(eps),
		upstreams: upstreams, exchange: exchange}
}

func service(ns, name string, ips ...string) *v1.Service {
	svc := &v1.Service{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
	if len(ips) > 0 {
		svc.Spec.ClusterIP = ips[0]
		svc.Spec.ClusterIPs = ips
	}
	return svc
}

func query(name string, qtype uint16) *dns.Msg {
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	m.RecursionDesired = true
	return m
}

func noUpstream(*dns.Msg, string, string) (*dns.Msg, error) { return nil, errors.New("no upstream in this test") }

func answers(m *dns.Msg) []string {
	var out []string
	for _, rr := range m.Answer {
		switch r := rr.(type) {
		case *dns.A:
			out = append(out, r.A.String())
		case *dns.AAAA:
			out = append(out, r.AAAA.String())
		case *dns.PTR:
			out = append(out, r.Ptr)
		case *dns.CNAME:
			out = append(out, r.Target)
		}
	}
	return out
}

func expect(t *testing.T, m *dns.Msg, rcode int, want ...string) {
	t.Helper()
	got := answers(m)
	if m.Rcode != rcode || len(got) != len(want) {
		t.Fatalf("rcode %s, answers %v; want %s, %v", dns.RcodeToString[m.Rcode], got, dns.RcodeToString[rcode], want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("answers %v, want %v", got, want)
		}
	}
}

func TestPtrOfAnIPv6ClusterIP(t *testing.T) {
	s := testServer(t, nil, noUpstream, service("dns-2735", "test-service-2", "fd00:30::1f8f"))
	arpa, _ := dns.ReverseAddr("fd00:30::1f8f")
	if arpa != "f.8.f.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.0.0.0.0.d.f.ip6.arpa." {
		t.Fatalf("unexpected reverse name %s", arpa)
	}
	expect(t, s.answer(query(arpa, dns.TypePTR), true), dns.RcodeSuccess, "test-service-2.dns-2735.svc.cluster.local.")
}

func TestDualStackServiceHasBothFamiliesAndBothPtrs(t *testing.T) {
	s := testServer(t, nil, noUpstream, service("default", "web", "10.96.0.20", "fd00:30::14"))
	expect(t, s.answer(query("web.default.svc.cluster.local.", dns.TypeA), true), dns.RcodeSuccess, "10.96.0.20")
	expect(t, s.answer(query("web.default.svc.cluster.local.", dns.TypeAAAA), true), dns.RcodeSuccess, "fd00:30::14")
	for _, ip := range []string{"10.96.0.20", "fd00:30::14"} {
		arpa, _ := dns.ReverseAddr(ip)
		expect(t, s.answer(query(arpa, dns.TypePTR), true), dns.RcodeSuccess, "web.default.svc.cluster.local.")
	}
}

func TestHeadlessIPv6EndpointsAreDashed(t *testing.T) {
	svc := service("ns", "hl", v1.ClusterIPNone)
	ep := &v1.Endpoints{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "hl"},
		Subsets: []v1.EndpointSubset{{Addresses: []v1.EndpointAddress{{IP: "fd00:40::2"}, {IP: "fd00:40::3", Hostname: "named"}}}}}
	s := testServer(t, nil, noUpstream, svc, ep)
	expect(t, s.answer(query("hl.ns.svc.cluster.local.", dns.TypeAAAA), true), dns.RcodeSuccess, "fd00:40::2", "fd00:40::3")
	expect(t, s.answer(query("fd00-40--2.hl.ns.svc.cluster.local.", dns.TypeAAAA), true), dns.RcodeSuccess, "fd00:40::2")
	arpa, _ := dns.ReverseAddr("fd00:40::2")
	expect(t, s.answer(query(arpa, dns.TypePTR), true), dns.RcodeSuccess, "fd00-40--2.hl.ns.svc.cluster.local.")
	arpa, _ = dns.ReverseAddr("fd00:40::3")
	expect(t, s.answer(query(arpa, dns.TypePTR), true), dns.RcodeSuccess, "named.hl.ns.svc.cluster.local.")
}

func TestIPv6PodName(t *testing.T) {
	s := testServer(t, nil, noUpstream)
	expect(t, s.answer(query("fd00-40--5.default.pod.cluster.local.", dns.TypeAAAA), true), dns.RcodeSuccess, "fd00:40::5")
}

func TestOutsideNamesGoToTheNodesResolver(t *testing.T) {
	var asked []string
	upstream := func(req *dns.Msg, server, network string) (*dns.Msg, error) {
		asked = append(asked, server+"/"+network)
		if server == "[fd00:20:6::100]:53" {
			return nil, errors.New("timeout")
		}
		m := new(dns.Msg)
		m.SetReply(req)
		m.Id = 999 // the server must answer with the client's id
		m.Answer = append(m.Answer, &dns.AAAA{Hdr: dns.RR_Header{Name: req.Question[0].Name, Rrtype: dns.TypeAAAA, Class: dns.ClassINET, Ttl: 60},
			AAAA: net.ParseIP("fd00:10:64:ff9b::a00:1")})
		return m, nil
	}
	s := testServer(t, nameservers([]string{"fd00:20:6::100", "10.192.6.1"}, "53"), upstream, service("default", "kubernetes", "fd00:30::1"))

	req := query("ipv4only.dind.test.", dns.TypeAAAA)
	resp := s.answer(req, true)
	expect(t, resp, dns.RcodeSuccess, "fd00:10:64:ff9b::a00:1")
	if resp.Id != req.Id {
		t.Fatalf("reply id %d, query id %d", resp.Id, req.Id)
	}
	if len(asked) != 2 || asked[0] != "[fd00:20:6::100]:53/udp" || asked[1] != "10.192.6.1:53/udp" {
		t.Fatalf("asked %v: want the resolvers in order, over the client's transport", asked)
	}

	// Reverse names of the cluster's addresses are answered here; others go to the resolver.
	asked = nil
	arpa, _ := dns.ReverseAddr("fd00:30::1")
	expect(t, s.answer(query(arpa, dns.TypePTR), true), dns.RcodeSuccess, "kubernetes.default.svc.cluster.local.")
	if len(asked) != 0 {
		t.Fatalf("a cluster address was forwarded: %v", asked)
	}
	arpa, _ = dns.ReverseAddr("192.0.2.1")
	s.answer(query(arpa, dns.TypePTR), false)
	if len(asked) != 2 || asked[1] != "10.192.6.1:53/tcp" {
		t.Fatalf("an outside address was not forwarded over TCP: %v", asked)
	}

	// Names in the cluster domain are never forwarded.
	asked = nil
	expect(t, s.answer(query("absent.default.svc.cluster.local.", dns.TypeA), true), dns.RcodeNameError)
	if len(asked) != 0 {
		t.Fatalf("a cluster name was forwarded: %v", asked)
	}
}

func TestNoResolverAnswering(t *testing.T) {
	s := testServer(t, []string{"10.192.6.1:53"}, noUpstream)
	expect(t, s.answer(query("example.org.", dns.TypeA), true), dns.RcodeServerFailure)
	none := testServer(t, nil, noUpstream)
	expect(t, none.answer(query("example.org.", dns.TypeA), true), dns.RcodeNameError)
}

func TestMalformedReverseNames(t *testing.T) {
	for _, name := range []string{"1.0.0.ip6.arpa.", "x.f.ip6.arpa.", "1.2.3.in-addr.arpa.", "300.2.3.4.in-addr.arpa."} {
		if ip := arpaToIP(name); ip != nil {
			t.Fatalf("%s parsed as %v", name, ip)
		}
	}
}

// A resolver that is this server itself (a pod's inherited resolv.conf naming its own loopback): the
// probe comes back, and the check says so instead of forwarding in a circle.
func TestLoopCheckFindsAnUpstreamThatIsThisServer(t *testing.T) {
	var s *server
	s = testServer(t, []string{"127.0.0.11:53"}, func(req *dns.Msg, _, _ string) (*dns.Msg, error) {
		return s.answer(req, true), nil
	})
	err := s.loopCheck()
	if err == nil || !strings.Contains(err.Error(), "Loop (-> 127.0.0.11:53) detected") {
		t.Fatalf("loopCheck() = %v, want a loop through 127.0.0.11:53", err)
	}
}

func TestLoopCheckPassesARealUpstream(t *testing.T) {
	s := testServer(t, []string{"10.192.0.1:53"}, func(req *dns.Msg, _, _ string) (*dns.Msg, error) {
		m := new(dns.Msg)
		m.SetRcode(req, dns.RcodeNameError)
		return m, nil
	})
	if err := s.loopCheck(); err != nil {
		t.Fatalf("loopCheck() = %v, want nil", err)
	}
	// Other names are answered (forwarded) as before.
	if m := s.answer(query("example.test.", dns.TypeA), true); m.Rcode != dns.RcodeNameError {
		t.Fatalf("forwarded answer rcode %d", m.Rcode)
	}
}

func TestCorefileDomainReadsKubeadmsCorefile(t *testing.T) {
	path := t.TempDir() + "/Corefile"
	corefile := ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n" +
		"    kubernetes cluster.test in-addr.arpa ip6.arpa {\n       pods insecure\n    }\n    forward . /etc/resolv.conf\n    loop\n}\n"
	if err := os.WriteFile(path, []byte(corefile), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := corefileDomain(path); err != nil || got != "cluster.test" {
		t.Fatalf("corefileDomain = %q, %v", got, err)
	}
}
