package dev.mooring.runtime;

import dev.mooring.runtime.net.TaskSandbox;

/**
 * What else lives in a task's network besides its containers: Service Connect's proxy and netfilter rules. Called on
 * the task's supervisor thread, so a task's steps stay in order: the hook's part is ready before the first
 * container starts, and is gone (drained) after the last one exited and before the network is removed.
 */
public interface TaskNetworkHook {
    /**
     * The network exists, no container runs yet. Throwing stops the task with TaskFailedToStart and the exception's
     * message, as a failed network setup does.
     */
    void networkReady(String taskId, TaskSandbox sandbox);

    /** Every container has exited; the network is about to go. May block while connections drain. */
    void networkClosing(String taskId);

    TaskNetworkHook NONE = new TaskNetworkHook() {
        @Override
        public void networkReady(String taskId, TaskSandbox sandbox) {}

        @Override
        public void networkClosing(String taskId) {}
    };
}
