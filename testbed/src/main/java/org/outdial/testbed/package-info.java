/** Outdial module root. */
package org.outdial.testbed;
