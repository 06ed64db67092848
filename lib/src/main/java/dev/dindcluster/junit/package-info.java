/**
 * A JUnit 5 extension: {@link dev.dindcluster.junit.DindClusterTest} on a test class gives its tests
 * a running multi-node cluster. Public, like {@code dev.dindcluster.api}; JUnit is an optional
 * dependency of the library.
 */
package dev.dindcluster.junit;
