/**
 * AWS Cloud Map (service-connect-spec §3.2): namespaces, services and instances, the operations on them, and the
 * {@link dev.mooring.control.cloudmap.CloudMapCatalog} through which ECS creates Service Connect services and
 * registers tasks, and the {@link dev.mooring.control.cloudmap.DnsZone}s the DNS server answers from. Namespace and
 * service records are wire shapes (the Cloud Map mapper writes their members in UpperCamel); instances, operations
 * and tags are stored records that operations answer with views of.
 */
package dev.mooring.control.cloudmap;
