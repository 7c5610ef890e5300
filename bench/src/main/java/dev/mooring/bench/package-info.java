/** Load drivers for the benchmark scripts in bench/; each prints a table and measures from outside the server. */
package dev.mooring.bench;
