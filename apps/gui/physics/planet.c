// SPDX-License-Identifier: MIT
/* The Planet world on Chipmunk2D (see planet.h). */
#include "planet.h"

#include <math.h>
#include <stdlib.h>

#include <chipmunk/chipmunk.h>

#define GRAVITY_STRENGTH 5.0e6

struct planet {
	cpSpace *space;
	cpBody *planet;
	cpShape *planet_shape;
	int count;
	cpBody *bodies[PLANET_MAX_BOXES];
	cpShape *shapes[PLANET_MAX_BOXES];
	unsigned random;
	unsigned long steps;
};

/* xorshift32: the same numbers everywhere (rand() differs between libcs). */
static double random_fraction(struct planet *planet)
{
	unsigned x = planet->random;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	planet->random = x;
	return (double)(x >> 8) / (double)(1u << 24);
}

/* Gravity toward the origin, falling with the square of the distance; the planet is heavy
 * enough that the boxes do not move it. */
static void gravity(cpBody *body, cpVect unused, cpFloat damping, cpFloat dt)
{
	cpVect position = cpBodyGetPosition(body);
	cpFloat distance_squared = cpvlengthsq(position);
	cpVect pull =
	    cpvmult(position, -GRAVITY_STRENGTH / (distance_squared * cpfsqrt(distance_squared)));

	(void)unused;
	cpBodyUpdateVelocity(body, pull, damping, dt);
}

/* A place in the view, clear of the planet. */
static cpVect starting_place(struct planet *planet, cpFloat radius)
{
	cpFloat half_width = PLANET_WORLD_WIDTH / 2, half_height = PLANET_WORLD_HEIGHT / 2;
	cpVect place;

	do {
		place = cpv(random_fraction(planet) * (PLANET_WORLD_WIDTH - 2 * radius) -
				(half_width - radius),
			    random_fraction(planet) * (PLANET_WORLD_HEIGHT - 2 * radius) -
				(half_height - radius));
	} while (cpvlength(place) < PLANET_RADIUS + 15);
	return place;
}

static void add_box(struct planet *planet)
{
	const cpFloat half = PLANET_BOX_HALF, mass = 1;
	cpVect corners[] = {cpv(-half, -half), cpv(-half, half), cpv(half, half), cpv(half, -half)};
	cpVect place = starting_place(planet, cpvlength(cpv(half, half)));
	cpBody *body = cpSpaceAddBody(
	    planet->space, cpBodyNew(mass, cpMomentForPoly(mass, 4, corners, cpvzero, 0)));

	cpBodySetVelocityUpdateFunc(body, gravity);
	cpBodySetPosition(body, place);
	/* A circular orbit from where it starts, turning once per orbit. */
	cpFloat r = cpvlength(place), speed = cpfsqrt(GRAVITY_STRENGTH / r) / r;
	cpBodySetVelocity(body, cpvmult(cpvperp(place), speed));
	cpBodySetAngularVelocity(body, speed);
	cpBodySetAngle(body, cpfatan2(place.y, place.x));
	cpShape *shape = cpSpaceAddShape(planet->space,
					 cpPolyShapeNew(body, 4, corners, cpTransformIdentity, 0));
	cpShapeSetElasticity(shape, 0);
	cpShapeSetFriction(shape, 0.7);
	planet->bodies[planet->count] = body;
	planet->shapes[planet->count] = shape;
	planet->count++;
}

struct planet *planet_create(unsigned seed, int boxes)
{
	if (boxes < 1 || boxes > PLANET_MAX_BOXES)
		return NULL;
	struct planet *planet = calloc(1, sizeof(*planet));
	if (!planet)
		return NULL;
	planet->random = seed ? seed : 1;
	planet->space = cpSpaceNew();
	cpSpaceSetIterations(planet->space, 20);
	planet->planet = cpSpaceAddBody(planet->space, cpBodyNewKinematic());
	cpBodySetAngularVelocity(planet->planet, PLANET_SPIN);
	for (int i = 0; i < boxes; i++)
		add_box(planet);
	planet->planet_shape = cpSpaceAddShape(
	    planet->space, cpCircleShapeNew(planet->planet, PLANET_RADIUS, cpvzero));
	cpShapeSetElasticity(planet->planet_shape, 1);
	cpShapeSetFriction(planet->planet_shape, 1);
	return planet;
}

void planet_destroy(struct planet *planet)
{
	if (!planet)
		return;
	for (int i = 0; i < planet->count; i++) {
		cpSpaceRemoveShape(planet->space, planet->shapes[i]);
		cpSpaceRemoveBody(planet->space, planet->bodies[i]);
		cpShapeFree(planet->shapes[i]);
		cpBodyFree(planet->bodies[i]);
	}
	cpSpaceRemoveShape(planet->space, planet->planet_shape);
	cpSpaceRemoveBody(planet->space, planet->planet);
	cpShapeFree(planet->planet_shape);
	cpBodyFree(planet->planet);
	cpSpaceFree(planet->space);
	free(planet);
}

void planet_step(struct planet *planet)
{
	cpSpaceStep(planet->space, PLANET_STEP);
	planet->steps++;
}

int planet_box_count(const struct planet *planet)
{
	return planet->count;
}

struct planet_box planet_box(const struct planet *planet, int index)
{
	cpVect place = cpBodyGetPosition(planet->bodies[index]);
	return (struct planet_box){place.x, place.y, cpBodyGetAngle(planet->bodies[index])};
}

double planet_angle(const struct planet *planet)
{
	return cpBodyGetAngle(planet->planet);
}

unsigned long planet_steps(const struct planet *planet)
{
	return planet->steps;
}
