package dev.mooring.runtime.net;

import java.util.UUID;

/** Task ids in ECS's shape (32 lowercase hex digits) for tests that drive the runtime without a control plane. */
final class TaskIds {
    private TaskIds() {}

    static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
