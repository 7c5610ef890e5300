package dev.mooring.runtime.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one program in a task's sandbox.
 *
 * @param execPrefix  the sandbox's prefix (enters the task's namespaces), from TaskSandbox
 * @param argv        the program and its arguments
 * @param environment the complete environment: nothing of Mooring's own environment leaks into a task
 * @param directory   working directory
 * @param output      file that receives stdout and stderr (appended), or null to discard them
 * @param cgroupProcs cgroup.procs files to join before anything else runs
 */
public record ProcessSpec(List<String> execPrefix, List<String> argv, Map<String, String> environment,
                          Path directory, RunAs user, Path output, List<Path> cgroupProcs) {
    public ProcessSpec {
        execPrefix = List.copyOf(execPrefix);
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        cgroupProcs = List.copyOf(cgroupProcs);
    }
}
