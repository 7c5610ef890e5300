/**
 * {@code mooring demo}: the YELB sample's Service Connect migration (sample-app.md §2, §4, §9) in one command.
 * It deploys the "before" topology through the public APIs only (ECS, Cloud Map, ELBv2, Route 53), measures the
 * sample's load test with appserver chaos, migrates with the sample's four {@code sc-update} files through
 * UpdateService, measures again and reports both phases side by side (text, JSON and a self-contained HTML page).
 *
 * <p>Two seams keep the walkthrough testable: {@link dev.mooring.demo.DemoMetrics} (CloudWatch-style sums, answered
 * by the server's metrics endpoint) and {@link dev.mooring.demo.TaskKiller} (a crash, through the server's signal
 * endpoint, as {@code mooring chaos} does).
 */
package dev.mooring.demo;
