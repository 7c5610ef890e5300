package dev.mooring.demo;

/** Kills one running task's processes, as a crash would (no draining, no SIGTERM). A seam: the chaos endpoint. */
public interface TaskKiller {
    /**
     * @param taskArn the task to kill
     * @return what was done, for the demo's log line (e.g. "SIGKILL to 3 processes")
     */
    String kill(String cluster, String taskArn) throws Exception;
}
