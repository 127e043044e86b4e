// SPDX-License-Identifier: MIT
/* Chipmunk2D's Planet demo, as eggos showed it (planet.c): a kinematic planet of radius 70
 * spinning at 0.2 rad/s at the origin and boxes 20 units wide put into circular orbits around
 * it, pulled by inverse-square gravity toward the origin (a velocity function of their own);
 * 1/120 s steps. The boxes' starting places come from a seeded generator, so a run is the same
 * on every machine with the same libm (the test compares Yolk's with the host's). Pure code
 * over Chipmunk (third_party/chipmunk). */
#ifndef YOLK_GUI_PLANET_H
#define YOLK_GUI_PLANET_H

#include <stdbool.h>

#define PLANET_RADIUS	    70.0
#define PLANET_SPIN	    0.2 /* rad/s */
#define PLANET_STEP	    (1.0 / 120.0)
#define PLANET_BOXES	    50
#define PLANET_MAX_BOXES    500
#define PLANET_BOX_HALF	    10.0
#define PLANET_WORLD_WIDTH  640.0 /* where boxes start: a 640 x 480 view around the planet */
#define PLANET_WORLD_HEIGHT 480.0

struct planet;

struct planet_box {
	double x, y, angle;
};

/* A world with BOXES boxes (1..PLANET_MAX_BOXES) placed from SEED; NULL without memory or
 * with a count out of range. */
struct planet *planet_create(unsigned seed, int boxes);
void planet_destroy(struct planet *planet);
void planet_step(struct planet *planet); /* one step of PLANET_STEP seconds */
int planet_box_count(const struct planet *planet);
struct planet_box planet_box(const struct planet *planet, int index);
double planet_angle(const struct planet *planet);
unsigned long planet_steps(const struct planet *planet);

#endif
