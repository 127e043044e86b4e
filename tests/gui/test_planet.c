// SPDX-License-Identifier: MIT
/* The Planet world (apps/gui/physics/planet.c over Chipmunk2D) after 600 steps (5 s): the
 * planet turned 1 radian, every box moved and stays in orbit, and a run is repeatable. */
#include <math.h>

#include "apps/gui/physics/planet.h"
#include "tests/unit/unit.h"

TEST(planet_boxes_stay_in_orbit_for_600_steps)
{
	struct planet *planet = planet_create(1, PLANET_BOXES), *again = planet_create(1, 50);
	struct planet_box start[PLANET_BOXES];

	CHECK(planet && again);
	if (!planet || !again)
		return;
	CHECK_EQ(planet_box_count(planet), 50);
	for (int i = 0; i < 50; i++) {
		start[i] = planet_box(planet, i);
		CHECK(hypot(start[i].x, start[i].y) >= PLANET_RADIUS + 15);
		CHECK(fabs(start[i].x) <= 320 && fabs(start[i].y) <= 240);
	}
	for (int step = 0; step < 600; step++) {
		planet_step(planet);
		planet_step(again);
	}
	CHECK_EQ(planet_steps(planet), 600);
	CHECK(fabs(planet_angle(planet) - 1.0) < 1e-9); /* 0.2 rad/s for 5 s */
	int moved = 0;
	for (int i = 0; i < 50; i++) {
		struct planet_box box = planet_box(planet, i), same = planet_box(again, i);
		double r = hypot(box.x, box.y);
		CHECK(r > PLANET_RADIUS && r < 450); /* none fell in, none flew off */
		moved += hypot(box.x - start[i].x, box.y - start[i].y) > 20;
		CHECK(box.x == same.x && box.y == same.y && box.angle == same.angle);
	}
	CHECK_EQ(moved, 50);
	planet_destroy(planet);
	planet_destroy(again);
}

TEST(planet_refuses_box_counts_out_of_range)
{
	CHECK(planet_create(1, 0) == NULL);
	CHECK(planet_create(1, PLANET_MAX_BOXES + 1) == NULL);
	struct planet *a = planet_create(1, 3), *b = planet_create(2, 3);
	CHECK(planet_box(a, 0).x != planet_box(b, 0).x); /* the seed places them */
	planet_destroy(a);
	planet_destroy(b);
}
