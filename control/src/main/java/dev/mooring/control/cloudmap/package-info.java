/**
 * AWS Cloud Map (service-connect-spec §3.2): namespaces, services and instances, the operations on them, and the
 * {@link dev.mooring.control.cloudmap.CloudMapCatalog} through which ECS creates Service Connect services and
 * registers tasks. Records are wire shapes; the Cloud Map mapper writes their members in UpperCamel.
 */
package dev.mooring.control.cloudmap;
