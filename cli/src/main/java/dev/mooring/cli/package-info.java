/** The {@code mooring} command line: picocli commands that start the server and talk to it. */
package dev.mooring.cli;
