package main

import (
	"context"
	"path/filepath"
	"testing"

	v1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes/fake"
	storagelisters "k8s.io/client-go/listers/storage/v1"
	"k8s.io/client-go/tools/cache"
)

type dirs struct{ made, removed []string }

func testProvisioner(t *testing.T, node string, d *dirs, classes ...*storagev1.StorageClass) (*provisioner, *fake.Clientset) {
	t.Helper()
	indexer := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{})
	for _, c := range classes {
		indexer.Add(c)
	}
	client := fake.NewSimpleClientset()
	return &provisioner{client: client, classes: storagelisters.NewStorageClassLister(indexer), node: node, baseDir: "/var/lib/dind-local-volumes",
		mkdir:     func(p string) error { d.made = append(d.made, p); return nil },
		removeAll: func(p string) error { d.removed = append(d.removed, p); return nil }}, client
}

func class(name string, reclaim v1.PersistentVolumeReclaimPolicy) *storagev1.StorageClass {
	return &storagev1.StorageClass{ObjectMeta: metav1.ObjectMeta{Name: name}, Provisioner: provisionerName, ReclaimPolicy: &reclaim}
}

func claim(node, className string) *v1.PersistentVolumeClaim {
	return &v1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Namespace: "db", Name: "data-db-0", UID: types.UID("1234"), ResourceVersion: "7",
			Annotations: map[string]string{annSelectedNode: node, annBetaStorageProvision: provisionerName}},
		Spec: v1.PersistentVolumeClaimSpec{StorageClassName: &className, AccessModes: []v1.PersistentVolumeAccessMode{v1.ReadWriteOnce},
			Resources: v1.ResourceRequirements{Requests: v1.ResourceList{v1.ResourceStorage: resource.MustParse("1Gi")}}},
		Status: v1.PersistentVolumeClaimStatus{Phase: v1.ClaimPending},
	}
}

func TestAClaimPlacedOnThisNodeGetsADirectoryAndAPinnedVolume(t *testing.T) {
	d := &dirs{}
	p, client := testProvisioner(t, "kube-node-1", d, class("local", v1.PersistentVolumeReclaimRetain))
	if err := p.claimChanged(context.Background(), claim("kube-node-1", "local")); err != nil {
		t.Fatal(err)
	}
	pv, err := client.CoreV1().PersistentVolumes().Get(context.Background(), "pvc-1234", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "/var/lib/dind-local-volumes/pvc-1234"
	if pv.Spec.Local == nil || pv.Spec.Local.Path != want || len(d.made) != 1 || d.made[0] != want {
		t.Fatalf("volume %+v, made %v; want local path %s", pv.Spec.PersistentVolumeSource, d.made, want)
	}
	if nodeOf(pv) != "kube-node-1" || pv.Spec.ClaimRef.UID != "1234" || pv.Spec.StorageClassName != "local" ||
		pv.Spec.PersistentVolumeReclaimPolicy != v1.PersistentVolumeReclaimRetain {
		t.Fatalf("volume not pinned/bound/classed as asked: %+v", pv.Spec)
	}
	if q := pv.Spec.Capacity[v1.ResourceStorage]; q.String() != "1Gi" {
		t.Fatalf("capacity %s, want 1Gi", q.String())
	}
	// A second event for the same claim is harmless.
	if err := p.claimChanged(context.Background(), claim("kube-node-1", "local")); err != nil {
		t.Fatal(err)
	}
}

func TestClaimsForOtherNodesClassesOrBoundAreLeftAlone(t *testing.T) {
	d := &dirs{}
	other := class("other", v1.PersistentVolumeReclaimDelete)
	other.Provisioner = "example.com/nfs"
	p, client := testProvisioner(t, "kube-node-1", d, class("local", v1.PersistentVolumeReclaimDelete), other)
	bound := claim("kube-node-1", "local")
	bound.Spec.VolumeName = "pv-x"
	unplaced := claim("", "local")
	for _, c := range []*v1.PersistentVolumeClaim{claim("kube-node-2", "local"), claim("kube-node-1", "other"), bound, unplaced} {
		if err := p.claimChanged(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	if list, _ := client.CoreV1().PersistentVolumes().List(context.Background(), metav1.ListOptions{}); len(list.Items) != 0 || len(d.made) != 0 {
		t.Fatalf("made %v and %d volumes; want none", d.made, len(list.Items))
	}
}

func TestAReleasedDeleteVolumeOnThisNodeIsRemovedARetainOneKept(t *testing.T) {
	d := &dirs{}
	p, client := testProvisioner(t, "kube-node-1", d, class("local", v1.PersistentVolumeReclaimDelete))
	pv := p.volumeFor(claim("kube-node-1", "local"), class("local", v1.PersistentVolumeReclaimDelete))
	pv.Status.Phase = v1.VolumeReleased
	retained := pv.DeepCopy()
	retained.Name = "pvc-5678"
	retained.Spec.PersistentVolumeReclaimPolicy = v1.PersistentVolumeReclaimRetain
	retained.Spec.Local.Path = filepath.Join(p.baseDir, "pvc-5678")
	elsewhere := pv.DeepCopy()
	elsewhere.Name = "pvc-9"
	elsewhere.Spec.NodeAffinity.Required.NodeSelectorTerms[0].MatchExpressions[0].Values = []string{"kube-node-2"}
	for _, v := range []*v1.PersistentVolume{pv, retained, elsewhere} {
		if _, err := client.CoreV1().PersistentVolumes().Create(context.Background(), v, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := p.volumeChanged(context.Background(), v); err != nil {
			t.Fatal(err)
		}
	}
	if len(d.removed) != 1 || d.removed[0] != pv.Spec.Local.Path {
		t.Fatalf("removed %v; want only %s", d.removed, pv.Spec.Local.Path)
	}
	list, _ := client.CoreV1().PersistentVolumes().List(context.Background(), metav1.ListOptions{})
	if len(list.Items) != 2 {
		t.Fatalf("%d volumes left; want the retained one and the other node's", len(list.Items))
	}
}
