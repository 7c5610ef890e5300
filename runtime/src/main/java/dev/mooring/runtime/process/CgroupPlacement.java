package dev.mooring.runtime.process;

import java.nio.file.Path;
import java.util.List;

/**
 * A container's cgroups, made and limited before it starts.
 *
 * @param procsFiles the {@code cgroup.procs} files the container's first process writes its pid into, so it and
 *                   everything it forks are inside from the first instruction
 * @param applied    what was applied, for logs and status, e.g. {@code memory 64 MiB (v1), cpu.shares 256}
 */
public record CgroupPlacement(List<Path> procsFiles, String applied) {}
