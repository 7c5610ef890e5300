package dev.mooring.runtime.logs;

import java.nio.file.Path;

/** One container's log stream: its awslogs group and stream name, and the file holding stdout and stderr. */
public record LogStream(String taskId, String container, String group, String stream, Path file) {}
