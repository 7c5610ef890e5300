/** Small pieces every Mooring module shares: event-loop selection and the JSON mapper conventions. */
package dev.mooring.core;
