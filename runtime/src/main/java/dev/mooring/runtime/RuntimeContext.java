package dev.mooring.runtime;

import dev.mooring.runtime.image.ImageCatalog;
import dev.mooring.runtime.logs.LogStreams;
import dev.mooring.runtime.net.TaskNetworks;
import dev.mooring.runtime.process.Cgroups;
import java.nio.file.Path;

/** What every task supervisor shares. {@code tasksDir} holds each container's private directory. */
record RuntimeContext(TaskNetworks networks, ImageCatalog images, LogStreams logs, Cgroups cgroups, Path tasksDir,
                      String taskCidr) {}
