package dev.mooring.control.scheduler;

import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.task.TaskLaunch;

/**
 * What the task reconciler asks of the data plane (the Service Connect agent, which depends on the control plane
 * and so cannot be called by name): what a task's launch must carry, and whether a stopping task may be signalled.
 */
public interface DataPlaneHooks {
    /**
     * The launch with what the data plane adds to it (Service Connect's {@code /etc/hosts} alias lines). Throwing
     * stops the task with TaskFailedToStart and the exception's message, as any launch failure does.
     */
    TaskLaunch wire(StoredTask task, TaskDefinition td, TaskLaunch launch);

    /**
     * Whether some proxy may still open new connections to the task. A stopping task gets SIGTERM only once this
     * is false, so no client is sent to a task that is going away (issue 7 "Draining", spec §4.4).
     */
    boolean receivesTraffic(String taskId);

    DataPlaneHooks NONE = new DataPlaneHooks() {
        @Override
        public TaskLaunch wire(StoredTask task, TaskDefinition td, TaskLaunch launch) {
            return launch;
        }

        @Override
        public boolean receivesTraffic(String taskId) {
            return false;
        }
    };
}
