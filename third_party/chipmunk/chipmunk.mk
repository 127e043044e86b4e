# Chipmunk2D 7.0.3 from Debian's chipmunk source package (MIT): the physics under the
# `physics` demo (apps/gui/physics), built against musl into libchipmunk.a. Left out:
# cpHastySpace.c, the only threaded part (a cpSpace stepped by worker threads; the demo uses
# the plain cpSpace). -DNDEBUG: no assertion checks, as Debian's package builds it;
# -ffp-contract=off: no fused multiply-adds, so a run gives the same numbers wherever the
# same objects run (the host's copy of the demo is linked from them); -w: upstream's
# warnings are not ours to fix.
CHIPMUNK_DEBIAN_VERSION := 7.0.3-5

CHIPMUNK_DIR := $(BUILD)/third_party/chipmunk
CHIPMUNK_FETCHED := $(CHIPMUNK_DIR)/fetched-$(CHIPMUNK_DEBIAN_VERSION)
CHIPMUNK_INCLUDE := $(CHIPMUNK_DIR)/source/include
CHIPMUNK_LIBRARY := $(CHIPMUNK_DIR)/libchipmunk.a
CHIPMUNK_NAMES := chipmunk cpArbiter cpArray cpBBTree cpBody cpCollision cpConstraint \
	cpDampedRotarySpring cpDampedSpring cpGearJoint cpGrooveJoint cpHashSet cpMarch \
	cpPinJoint cpPivotJoint cpPolyShape cpPolyline cpRatchetJoint cpRobust \
	cpRotaryLimitJoint cpShape cpSimpleMotor cpSlideJoint cpSpace cpSpaceComponent \
	cpSpaceDebug cpSpaceHash cpSpaceQuery cpSpaceStep cpSpatialIndex cpSweep1D
CHIPMUNK_OBJECTS := $(patsubst %,$(CHIPMUNK_DIR)/objects/%.o,$(CHIPMUNK_NAMES))
CHIPMUNK_CFLAGS := -std=gnu99 -O2 -g -fno-omit-frame-pointer -ffp-contract=off -DNDEBUG -w \
	-I$(CHIPMUNK_INCLUDE)

$(CHIPMUNK_FETCHED): third_party/fetch-source.sh | $(DEPS_STAMP)
	@mkdir -p $(CHIPMUNK_DIR)
	$(Q)rm -f $(CHIPMUNK_DIR)/fetched-*
	$(Q)third_party/fetch-source.sh chipmunk $(CHIPMUNK_DEBIAN_VERSION) $(CHIPMUNK_DIR)
	$(Q)touch $@
$(CHIPMUNK_INCLUDE)/chipmunk/chipmunk.h: $(CHIPMUNK_FETCHED)
$(CHIPMUNK_DIR)/objects/%.o: $(CHIPMUNK_FETCHED) third_party/chipmunk/chipmunk.mk
	@mkdir -p $(dir $@)
	$(Q)musl-gcc $(CHIPMUNK_CFLAGS) -c $(CHIPMUNK_DIR)/source/src/$*.c -o $@
$(CHIPMUNK_LIBRARY): $(CHIPMUNK_OBJECTS)
	$(Q)rm -f $@ && ar rcs $@ $^
