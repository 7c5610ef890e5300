package dev.mooring.control.scheduler;

import dev.mooring.control.ecs.EcsState;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.Controller;
import dev.mooring.store.Table;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskRuntime;
import dev.mooring.task.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and releases tasks the runtime holds that have no task row. An admin reset stops the tasks the table holds
 * and then wipes it; a pass that read the table before the reset can still launch one after it, and without this
 * nothing would ever look at that process again. Orphans are rare, so the sweep runs on the periodic resync only.
 */
public final class OrphanSweeper implements Controller {
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);
    static final String REASON = "Mooring has no record of this task";

    private final EcsState ecs;
    private final TaskRuntime runtime;

    public OrphanSweeper(EcsState ecs, TaskRuntime runtime) {
        this.ecs = ecs;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "orphan sweeper";
    }

    @Override
    public List<Table<?>> watches() {
        return List.of();
    }

    @Override
    public void reconcile(Changes changes) {
        if (!changes.resync()) {
            return;
        }
        // the runtime first: a task launched after this read has a row that the table read below already shows
        Set<String> held = runtime.taskIds();
        if (held.isEmpty()) {
            return;
        }
        Set<String> recorded = ecs.tables().tasks().stream().map(t -> t.task().taskId()).collect(Collectors.toSet());
        for (String id : held) {
            if (recorded.contains(id)) {
                continue;
            }
            Optional<TaskObservation> seen = runtime.observe(id);
            if (seen.isEmpty()) {
                continue;
            }
            if (seen.get().lastStatus() == TaskStatus.STOPPED) {
                runtime.release(id);
            } else if (!seen.get().lastStatus().isEnding()) {
                log.warn("task {} runs with no record of it (launched as state was reset); stopping it", id);
                runtime.stop(id, REASON);
            }
        }
    }
}
