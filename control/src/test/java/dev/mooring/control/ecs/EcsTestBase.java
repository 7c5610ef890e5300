package dev.mooring.control.ecs;

import dev.mooring.control.MooringFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/** A whole Mooring per test, and an SDK client on it; subclasses add their own resources in a @BeforeEach. */
abstract class EcsTestBase {
    @TempDir
    Path dir;
    MooringFixture mooring;
    EcsClient ecs;

    @BeforeEach
    void startMooring() {
        mooring = new MooringFixture(dir);
        ecs = mooring.ecs();
    }

    @AfterEach
    void stopMooring() {
        mooring.close();
    }
}
