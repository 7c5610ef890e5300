/**
 * Container processes: how one container's program is started inside its task's sandbox (network, PID, UTS and
 * mount namespaces from the net package's exec prefix), as an unprivileged user without capabilities, in cgroups
 * that limit its memory and CPU, with a tiny init that forwards SIGTERM; and how it is signalled and reaped.
 */
package dev.mooring.runtime.process;
