/**
 * The {@code mooring} command line: picocli commands that start a {@link dev.mooring.server.MooringServer} and talk
 * to it. Nothing here assembles or runs a part of the server.
 */
package dev.mooring.cli;
