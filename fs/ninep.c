// SPDX-License-Identifier: MIT
/* A 9P2000.L client as a filesystem (see fs/ninep.h). Every inode holds a fid walked to its
 * file; opening clones that fid and opens the clone, so each open file has its own. Reads and
 * writes go straight to the server in messages of at most msize bytes: nothing is cached, so
 * what the guest wrote is on the host when write() returns, and any file size streams.
 * Attributes are read when a name is looked up. /proc/fs/9p/stats counts, over every mount,
 * the requests and the bytes read and written. */
#include "fs/ninep.h"
#include "fs/procfs.h"
#include "include/uapi/errno.h"
#include "kernel/compiler.h"
#include "kernel/log.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/heap.h"

#define NO_FID	  0xffffffffu
#define NO_TAG	  0xffff
#define HEADER	  7
#define IO_HEADER 24

enum {
	RLERROR = 7,
	TLOPEN = 12,
	TLCREATE = 14,
	TSYMLINK = 16,
	TRENAME = 20,
	TREADLINK = 22,
	TGETATTR = 24,
	TSETATTR = 26,
	TREADDIR = 40,
	TFSYNC = 50,
	TLINK = 70,
	TMKDIR = 72,
	TRENAMEAT = 74,
	TUNLINKAT = 76,
	TVERSION = 100,
	TATTACH = 104,
	TWALK = 110,
	TREAD = 116,
	TWRITE = 118,
	TCLUNK = 120,
	TREMOVE = 122,
};

#define GETATTR_BASIC	     0x7ffull
#define SETATTR_MODE	     0x001
#define SETATTR_UID	     0x002
#define SETATTR_GID	     0x004
#define SETATTR_SIZE	     0x008
#define SETATTR_ACCESSED     0x010
#define SETATTR_MODIFIED     0x020
#define SETATTR_ACCESSED_SET 0x080
#define SETATTR_MODIFIED_SET 0x100

struct ninep_client {
	const struct ninep_transport_operations *transport_operations;
	void *transport;
	uint32_t message_size;
	uint32_t next_fid;
	uint16_t next_tag;
	/* The server lacks Tunlinkat and Trenameat (diod): Tremove and Trename instead. */
	bool without_at_calls;
	struct superblock superblock;
	/* The inodes in use, one per file on the server (by qid path): a file looked up twice,
	 * by two names or two opens, is one inode, with one size and one set of locks. When the
	 * last one goes (the root, at unmount), so does the client, and the transport closes. */
	struct list_node live_inodes;
};

struct ninep_inode {
	uint32_t fid;
	uint64_t qid_path;
	char *name; /* the name it was first looked up by (for getcwd), or NULL */
	size_t name_length;
	struct list_node live_node; /* in ninep_client.live_inodes */
	struct inode *inode;
};

struct message {
	uint8_t *data;
	size_t length, capacity;
	bool overflow;
};

struct reader {
	const uint8_t *data;
	size_t length, at;
	bool error;
};

static const struct inode_operations ninep_inode_operations;
static uint64_t requests, bytes_read, bytes_written; /* /proc/fs/9p/stats */
static void client_free(struct ninep_client *client);
static struct inode *find_live_inode(struct ninep_client *client, uint64_t qid_path);
static const struct file_operations ninep_file_operations;

/* ---- messages ----------------------------------------------------------------------------- */

static void put(struct message *message, const void *bytes, size_t length)
{
	if (message->length + length > message->capacity) {
		message->overflow = true;
		return;
	}
	memcpy(message->data + message->length, bytes, length);
	message->length += length;
}

static void put8(struct message *message, uint8_t value)
{
	put(message, &value, 1);
}

static void put16(struct message *message, uint16_t value)
{
	put(message, &value, 2);
}

static void put32(struct message *message, uint32_t value)
{
	put(message, &value, 4);
}

static void put64(struct message *message, uint64_t value)
{
	put(message, &value, 8);
}

static void put_string(struct message *message, const char *text, size_t length)
{
	put16(message, (uint16_t)length);
	put(message, text, length);
}

static const void *take(struct reader *reader, size_t length)
{
	if (reader->at + length > reader->length) {
		reader->error = true;
		return NULL;
	}
	const void *at = reader->data + reader->at;
	reader->at += length;
	return at;
}

static uint64_t take_number(struct reader *reader, size_t length)
{
	const uint8_t *bytes = take(reader, length);
	uint64_t value = 0;

	for (size_t i = 0; bytes && i < length; i++)
		value |= (uint64_t)bytes[i] << (8 * i);
	return value;
}

/* Starts a message: room for the header, filled in by rpc(). */
static int message_start(struct message *message, struct ninep_client *client, uint8_t type)
{
	message->data = heap_alloc(client->message_size);
	if (!message->data)
		return -ENOMEM;
	message->capacity = client->message_size;
	message->length = 0;
	message->overflow = false;
	put32(message, 0);
	put8(message, type);
	put16(message, 0);
	return 0;
}

/* Sends the message (freeing it) and checks the reply's type; the reader owns `reply_buffer`,
 * which the caller frees. */
static int rpc(struct ninep_client *client, struct message *message, struct reader *reply,
	       void **reply_buffer)
{
	uint8_t type = message->data[4];
	uint16_t tag = type == TVERSION ? NO_TAG : client->next_tag++;
	int error = 0;

	if (client->next_tag == NO_TAG)
		client->next_tag = 0;
	*reply_buffer = heap_alloc(client->message_size);
	if (message->overflow || !*reply_buffer) {
		error = message->overflow ? -ENAMETOOLONG : -ENOMEM;
		goto out;
	}
	uint32_t size = (uint32_t)message->length;
	memcpy(message->data, &size, 4);
	memcpy(message->data + 5, &tag, 2);
	long received = client->transport_operations->exchange(
	    client->transport, message->data, message->length, *reply_buffer, client->message_size);
	if (received < HEADER) {
		error = received < 0 ? (int)received : -EIO;
		goto out;
	}
	requests++;
	*reply = (struct reader){*reply_buffer, (size_t)received, 0, false};
	uint32_t length = (uint32_t)take_number(reply, 4);
	uint8_t reply_type = (uint8_t)take_number(reply, 1);
	take_number(reply, 2);
	if (length < reply->length)
		reply->length = length;
	if (reply_type == RLERROR)
		error = -(int)take_number(reply, 4);
	else if (reply_type != type + 1)
		error = -EIO;
out:
	heap_free(message->data);
	if (error) {
		heap_free(*reply_buffer);
		*reply_buffer = NULL;
	}
	return error;
}

/* For calls whose reply carries nothing we need. */
static int rpc_simple(struct ninep_client *client, struct message *message)
{
	struct reader reply;
	void *buffer;
	int error = rpc(client, message, &reply, &buffer);

	heap_free(buffer);
	return error;
}

/* ---- fids --------------------------------------------------------------------------------- */

static struct ninep_client *client_of(const struct inode *inode)
{
	return container_of(inode->superblock, struct ninep_client, superblock);
}

static uint32_t fid_of(const struct inode *inode)
{
	return ((struct ninep_inode *)inode->private)->fid;
}

static void clunk(struct ninep_client *client, uint32_t fid)
{
	struct message message;

	if (!message_start(&message, client, TCLUNK)) {
		put32(&message, fid);
		rpc_simple(client, &message);
	}
}

/* Walks from `fid` by one name (or none, to clone it) to a new fid. */
/* Twalk from FID by NAME (none: a clone of FID) to a new fid; *QID_PATH (may be NULL) is the
 * server's identity of the file walked to. */
static int walk(struct ninep_client *client, uint32_t fid, const char *name, size_t length,
		uint32_t *new_fid, uint64_t *qid_path)
{
	struct message message;
	int error = message_start(&message, client, TWALK);

	if (error)
		return error;
	*new_fid = client->next_fid++;
	put32(&message, fid);
	put32(&message, *new_fid);
	put16(&message, name ? 1 : 0);
	if (name)
		put_string(&message, name, length);
	struct reader reply;
	void *buffer;
	error = rpc(client, &message, &reply, &buffer);
	if (!error && name && take_number(&reply, 2) != 1)
		error = -ENOENT; /* a partial walk: the fid was not made */
	if (!error && name && qid_path) {
		take_number(&reply, 5); /* qid type and version */
		*qid_path = take_number(&reply, 8);
		if (reply.error)
			error = -EIO;
	}
	heap_free(buffer);
	return error;
}

static int read_attributes(struct ninep_client *client, struct inode *inode)
{
	struct message message;
	struct reader reply;
	void *buffer;
	int error = message_start(&message, client, TGETATTR);

	if (error)
		return error;
	put32(&message, fid_of(inode));
	put64(&message, GETATTR_BASIC);
	error = rpc(client, &message, &reply, &buffer);
	if (error)
		return error;
	take_number(&reply, 8); /* valid */
	take_number(&reply, 5); /* qid type and version */
	inode->number = take_number(&reply, 8);
	inode->mode = (uint32_t)take_number(&reply, 4);
	inode->uid = (uint32_t)take_number(&reply, 4);
	inode->gid = (uint32_t)take_number(&reply, 4);
	inode->links = (uint32_t)take_number(&reply, 8);
	inode->device = (uint32_t)take_number(&reply, 8);
	inode->size = take_number(&reply, 8);
	take_number(&reply, 16); /* block size, blocks */
	inode->accessed.seconds = (int64_t)take_number(&reply, 8);
	inode->accessed.nanoseconds = (int64_t)take_number(&reply, 8);
	inode->modified.seconds = (int64_t)take_number(&reply, 8);
	inode->modified.nanoseconds = (int64_t)take_number(&reply, 8);
	inode->changed.seconds = (int64_t)take_number(&reply, 8);
	inode->changed.nanoseconds = (int64_t)take_number(&reply, 8);
	error = reply.error ? -EIO : 0;
	heap_free(buffer);
	return error;
}

static struct inode *inode_for_fid(struct ninep_client *client, uint32_t fid, struct inode *parent,
				   int *error)
{
	struct inode *inode = inode_create(&client->superblock, 0);
	struct ninep_inode *node = heap_alloc(sizeof(*node));

	if (!inode || !node) {
		heap_free(inode);
		heap_free(node);
		clunk(client, fid);
		if (list_empty(&client->live_inodes))
			client_free(client); /* the root never made */
		*error = -ENOMEM;
		return NULL;
	}
	node->fid = fid;
	node->name = NULL;
	node->inode = inode;
	list_init(&node->live_node);
	inode->private = node;
	inode->ops = &ninep_inode_operations;
	inode->file_ops = &ninep_file_operations;
	inode->parent = parent;
	*error = read_attributes(client, inode);
	if (*error) {
		inode_put(inode); /* clunks the fid */
		return NULL;
	}
	/* Another thread may have looked the same file up while the attributes came: one inode
	 * per file, so the first one made stays. */
	struct inode *existing = find_live_inode(client, inode->number);
	if (existing) {
		inode_put(inode);
		return existing;
	}
	node->qid_path = inode->number;
	list_add_tail(&client->live_inodes, &node->live_node);
	return inode;
}

static void client_free(struct ninep_client *client)
{
	if (client->transport_operations->close)
		client->transport_operations->close(client->transport);
	heap_free(client);
}

static void free_inode(struct inode *inode)
{
	struct ninep_client *client = client_of(inode);
	struct ninep_inode *node = inode->private;

	/* Off the list before the clunk, which waits for the server: a lookup meanwhile (another
	 * thread) must not take a new reference to an inode that is going. */
	list_remove(&node->live_node);
	clunk(client, node->fid);
	heap_free(node->name);
	heap_free(node);
	if (list_empty(&client->live_inodes))
		client_free(client);
}

/* The inode in use for the server's file QID_PATH, with a new reference, or NULL. */
static struct inode *find_live_inode(struct ninep_client *client, uint64_t qid_path)
{
	struct list_node *position;

	list_for_each(position, &client->live_inodes)
	{
		struct ninep_inode *node = list_entry(position, struct ninep_inode, live_node);
		if (node->qid_path == qid_path) {
			inode_get(node->inode);
			return node->inode;
		}
	}
	return NULL;
}

/* ---- the inode operations ----------------------------------------------------------------- */

static void remember_name(struct inode *inode, const char *name, size_t length)
{
	struct ninep_inode *node = inode->private;

	if (node->name) /* the inode another lookup made (inode_for_fid) */
		return;
	node->name = heap_alloc(length);
	if (node->name) {
		memcpy(node->name, name, length);
		node->name_length = length;
	}
}

static const char *ninep_name_of(struct inode *directory, struct inode *child, size_t *length)
{
	const struct ninep_inode *node = child->private;

	(void)directory;
	*length = node->name_length;
	return node->name;
}

static int ninep_lookup(struct inode *directory, const char *name, size_t length,
			struct inode **result)
{
	struct ninep_client *client = client_of(directory);
	uint64_t qid_path;
	uint32_t fid;
	int error = walk(client, fid_of(directory), name, length, &fid, &qid_path);

	if (error)
		return error;
	*result = find_live_inode(client, qid_path);
	if (!*result) {
		*result = inode_for_fid(client, fid, directory, &error);
		if (*result)
			remember_name(*result, name, length);
		return error;
	}
	/* Known: the walk's fid is not needed; the attributes are read afresh, as a lookup does. */
	clunk(client, fid);
	error = read_attributes(client, *result);
	if (error) {
		inode_put(*result);
		*result = NULL;
	}
	return error;
}

static int lookup_made(struct inode *directory, const char *name, size_t length,
		       struct inode **result)
{
	if (!result)
		return 0;
	return ninep_lookup(directory, name, length, result);
}

static int ninep_create(struct inode *directory, const char *name, size_t length, uint32_t mode,
			uint32_t device, struct inode **result)
{
	struct ninep_client *client = client_of(directory);
	struct message message;
	uint32_t fid = 0;
	int error;

	(void)device;
	if ((mode & S_IFMT) == S_IFDIR) {
		if ((error = message_start(&message, client, TMKDIR)))
			return error;
		put32(&message, fid_of(directory));
		put_string(&message, name, length);
		put32(&message, mode & 07777);
		put32(&message, 0);
	} else if ((mode & S_IFMT) == S_IFREG) {
		if ((error = walk(client, fid_of(directory), NULL, 0, &fid, NULL)))
			return error;
		if ((error = message_start(&message, client, TLCREATE))) {
			clunk(client, fid);
			return error;
		}
		put32(&message, fid);
		put_string(&message, name, length);
		put32(&message, O_RDWR | O_CREAT | O_EXCL);
		put32(&message, mode & 07777);
		put32(&message, 0);
	} else {
		return -EPERM; /* devices and fifos do not belong on a host folder */
	}
	error = rpc_simple(client, &message);
	if (fid)
		clunk(client, fid);
	return error ? error : lookup_made(directory, name, length, result);
}

static int ninep_symlink(struct inode *directory, const char *name, size_t length,
			 const char *target)
{
	struct ninep_client *client = client_of(directory);
	struct message message;
	int error = message_start(&message, client, TSYMLINK);

	if (error)
		return error;
	put32(&message, fid_of(directory));
	put_string(&message, name, length);
	put_string(&message, target, strlen(target));
	put32(&message, 0);
	return rpc_simple(client, &message);
}

static int ninep_link(struct inode *directory, const char *name, size_t length,
		      struct inode *target)
{
	struct ninep_client *client = client_of(directory);
	struct message message;

	if (target->superblock != directory->superblock)
		return -EXDEV;
	int error = message_start(&message, client, TLINK);
	if (error)
		return error;
	put32(&message, fid_of(directory));
	put32(&message, fid_of(target));
	put_string(&message, name, length);
	return rpc_simple(client, &message);
}

/* Tremove of a clone of TARGET's fid (Tremove clunks the fid it is given, done or not). */
static int remove_file(struct ninep_client *client, struct inode *target)
{
	struct message message;
	uint32_t fid;
	int error = walk(client, fid_of(target), NULL, 0, &fid, NULL);

	if (error)
		return error;
	if ((error = message_start(&message, client, TREMOVE))) {
		clunk(client, fid);
		return error;
	}
	put32(&message, fid);
	return rpc_simple(client, &message);
}

static int unlink_at(struct ninep_client *client, struct inode *directory, const char *name,
		     size_t length, bool directory_expected)
{
	struct message message;
	int error = message_start(&message, client, TUNLINKAT);

	if (error)
		return error;
	put32(&message, fid_of(directory));
	put_string(&message, name, length);
	put32(&message, directory_expected ? 0x200 : 0);
	return rpc_simple(client, &message);
}

static int ninep_unlink(struct inode *directory, const char *name, size_t length,
			bool directory_expected)
{
	struct ninep_client *client = client_of(directory);
	struct inode *target;
	int error = ninep_lookup(directory, name, length, &target);

	if (error)
		return error;
	bool is_directory = inode_is_directory(target);
	if (directory_expected && !is_directory)
		error = -ENOTDIR;
	else if (!directory_expected && is_directory)
		error = -EISDIR;
	else if (!client->without_at_calls)
		error = unlink_at(client, directory, name, length, directory_expected);
	if (error == -EOPNOTSUPP)
		client->without_at_calls = true;
	if (client->without_at_calls && (!error || error == -EOPNOTSUPP))
		error = remove_file(client, target);
	inode_put(target);
	return error;
}

static int rename_at(struct ninep_client *client, struct inode *old_directory, const char *old_name,
		     size_t old_length, struct inode *new_directory, const char *new_name,
		     size_t new_length)
{
	struct message message;
	int error = message_start(&message, client, TRENAMEAT);

	if (error)
		return error;
	put32(&message, fid_of(old_directory));
	put_string(&message, old_name, old_length);
	put32(&message, fid_of(new_directory));
	put_string(&message, new_name, new_length);
	return rpc_simple(client, &message);
}

/* Trename: the file (walked to by name) gets NEW_NAME in NEW_DIRECTORY. */
static int rename_file(struct ninep_client *client, struct inode *old_directory,
		       const char *old_name, size_t old_length, struct inode *new_directory,
		       const char *new_name, size_t new_length)
{
	struct message message;
	struct inode *source;
	int error = ninep_lookup(old_directory, old_name, old_length, &source);

	if (error)
		return error;
	if (!(error = message_start(&message, client, TRENAME))) {
		put32(&message, fid_of(source));
		put32(&message, fid_of(new_directory));
		put_string(&message, new_name, new_length);
		error = rpc_simple(client, &message);
	}
	inode_put(source);
	return error;
}

static int ninep_rename(struct inode *old_directory, const char *old_name, size_t old_length,
			struct inode *new_directory, const char *new_name, size_t new_length,
			unsigned flags)
{
	struct ninep_client *client = client_of(old_directory);
	int error = -EOPNOTSUPP;

	if (new_directory->superblock != old_directory->superblock)
		return -EXDEV;
	if (flags)
		return -EINVAL; /* RENAME_NOREPLACE/EXCHANGE: not in 9P2000.L */
	if (!client->without_at_calls)
		error = rename_at(client, old_directory, old_name, old_length, new_directory,
				  new_name, new_length);
	if (error != -EOPNOTSUPP)
		return error;
	client->without_at_calls = true;
	return rename_file(client, old_directory, old_name, old_length, new_directory, new_name,
			   new_length);
}

static long ninep_readlink(struct inode *link, char *buffer, size_t size)
{
	struct ninep_client *client = client_of(link);
	struct message message;
	struct reader reply;
	void *reply_buffer;
	int error = message_start(&message, client, TREADLINK);

	if (error)
		return error;
	put32(&message, fid_of(link));
	if ((error = rpc(client, &message, &reply, &reply_buffer)))
		return error;
	size_t length = (size_t)take_number(&reply, 2);
	const char *target = take(&reply, length);
	long result = target ? (long)MIN(length, size) : -EIO;
	if (target)
		memcpy(buffer, target, result);
	heap_free(reply_buffer);
	return result;
}

/* Tsetattr: VALID says which of the fields the server is to change. */
static int send_setattr(struct inode *inode, uint32_t valid, const struct inode_attributes *fields,
			uint64_t size)
{
	struct ninep_client *client = client_of(inode);
	struct message message;
	int error = message_start(&message, client, TSETATTR);

	if (error)
		return error;
	put32(&message, fid_of(inode));
	put32(&message, valid);
	put32(&message, fields->mode & 07777);
	put32(&message, fields->uid);
	put32(&message, fields->gid);
	put64(&message, size);
	put64(&message, (uint64_t)fields->accessed.seconds);
	put64(&message, (uint64_t)fields->accessed.nanoseconds);
	put64(&message, (uint64_t)fields->modified.seconds);
	put64(&message, (uint64_t)fields->modified.nanoseconds);
	return rpc_simple(client, &message);
}

static int ninep_truncate(struct inode *inode, uint64_t size)
{
	struct inode_attributes none = {0};
	int error = send_setattr(inode, SETATTR_SIZE, &none, size);

	if (!error)
		inode->size = size;
	return error;
}

/* Mode, owner and times go to the host's file (the VFS then updates the inode). The server
 * runs as the user who started QEMU, so an owner change may be refused: EPERM, as on Linux. */
static int ninep_set_attributes(struct inode *inode, const struct inode_attributes *changes)
{
	uint32_t valid = 0;

	if (changes->valid & INODE_MODE)
		valid |= SETATTR_MODE;
	if (changes->valid & INODE_UID)
		valid |= SETATTR_UID;
	if (changes->valid & INODE_GID)
		valid |= SETATTR_GID;
	if (changes->valid & INODE_ACCESSED)
		valid |= SETATTR_ACCESSED | SETATTR_ACCESSED_SET;
	if (changes->valid & INODE_MODIFIED)
		valid |= SETATTR_MODIFIED | SETATTR_MODIFIED_SET;
	return valid ? send_setattr(inode, valid, changes, 0) : 0;
}

static int open_fid(struct ninep_client *client, uint32_t fid, unsigned flags, uint32_t *opened)
{
	struct message message;
	int error = walk(client, fid, NULL, 0, opened, NULL);

	if (error)
		return error;
	if ((error = message_start(&message, client, TLOPEN))) {
		clunk(client, *opened);
		return error;
	}
	put32(&message, *opened);
	put32(&message, flags & (O_ACCMODE | O_APPEND | O_DIRECTORY));
	error = rpc_simple(client, &message);
	if (error)
		clunk(client, *opened);
	return error;
}

static int ninep_readdir(struct inode *directory, uint64_t *position, struct directory_sink *sink)
{
	struct ninep_client *client = client_of(directory);
	uint32_t fid;
	int error = open_fid(client, fid_of(directory), O_RDONLY | O_DIRECTORY, &fid);

	while (!error) {
		struct message message;
		struct reader reply;
		void *buffer;
		if ((error = message_start(&message, client, TREADDIR)))
			break;
		put32(&message, fid);
		put64(&message, *position);
		put32(&message, client->message_size - IO_HEADER);
		if ((error = rpc(client, &message, &reply, &buffer)))
			break;
		uint32_t count = (uint32_t)take_number(&reply, 4);
		struct reader entries = {take(&reply, count), count, 0, false};
		bool full = !entries.data || !count;
		while (!full && entries.at < entries.length) {
			take_number(&entries, 5);
			uint64_t inode_number = take_number(&entries, 8);
			uint64_t next = take_number(&entries, 8);
			unsigned type = (unsigned)take_number(&entries, 1);
			size_t length = (size_t)take_number(&entries, 2);
			const char *name = take(&entries, length);
			if (entries.error ||
			    !sink->emit(sink, name, length, inode_number, type, next))
				full = true;
			else
				*position = next;
		}
		heap_free(buffer);
		if (full)
			break;
	}
	clunk(client, fid);
	return error;
}

static const struct inode_operations ninep_inode_operations = {
    .lookup = ninep_lookup,
    .create = ninep_create,
    .symlink = ninep_symlink,
    .link = ninep_link,
    .unlink = ninep_unlink,
    .rename = ninep_rename,
    .readlink = ninep_readlink,
    .truncate = ninep_truncate,
    .set_attributes = ninep_set_attributes,
    .readdir = ninep_readdir,
    .name_of = ninep_name_of,
};

/* ---- open files --------------------------------------------------------------------------- */

static int ninep_open(struct inode *inode, struct file *file)
{
	uint32_t fid;
	int error;

	if (inode_is_directory(inode) || (inode->mode & S_IFMT) == S_IFLNK) {
		file->private = (void *)(uintptr_t)NO_FID;
		return 0; /* directories are read per readdir call */
	}
	error = open_fid(client_of(inode), fid_of(inode), file->flags, &fid);
	if (!error)
		file->private = (void *)(uintptr_t)fid;
	return error;
}

static void ninep_release(struct file *file)
{
	uint32_t fid = (uint32_t)(uintptr_t)file->private;

	if (fid != NO_FID)
		clunk(client_of(file->inode), fid);
}

static long ninep_read(struct file *file, void *buffer, size_t count, uint64_t offset)
{
	struct ninep_client *client = client_of(file->inode);
	size_t done = 0;

	while (done < count) {
		struct message message;
		struct reader reply;
		void *reply_buffer;
		uint32_t chunk = (uint32_t)MIN(count - done, client->message_size - IO_HEADER);
		int error = message_start(&message, client, TREAD);
		if (!error) {
			put32(&message, (uint32_t)(uintptr_t)file->private);
			put64(&message, offset + done);
			put32(&message, chunk);
			error = rpc(client, &message, &reply, &reply_buffer);
		}
		if (error)
			return done ? (long)done : error;
		uint32_t got = (uint32_t)take_number(&reply, 4);
		const void *data = take(&reply, got);
		if (data && got)
			memcpy((char *)buffer + done, data, MIN(got, chunk));
		if (data)
			bytes_read += MIN(got, chunk);
		heap_free(reply_buffer);
		if (!data || !got)
			break;
		done += MIN(got, chunk);
		if (got < chunk)
			break;
	}
	return (long)done;
}

static long ninep_write(struct file *file, const void *buffer, size_t count, uint64_t offset)
{
	struct ninep_client *client = client_of(file->inode);
	size_t done = 0;

	while (done < count) {
		struct message message;
		struct reader reply;
		void *reply_buffer;
		uint32_t chunk = (uint32_t)MIN(count - done, client->message_size - IO_HEADER);
		int error = message_start(&message, client, TWRITE);
		if (!error) {
			put32(&message, (uint32_t)(uintptr_t)file->private);
			put64(&message, offset + done);
			put32(&message, chunk);
			put(&message, (const char *)buffer + done, chunk);
			error = rpc(client, &message, &reply, &reply_buffer);
		}
		if (error)
			return done ? (long)done : error;
		uint32_t wrote = (uint32_t)take_number(&reply, 4);
		heap_free(reply_buffer);
		bytes_written += wrote;
		if (!wrote)
			break;
		done += wrote;
	}
	if (offset + done > file->inode->size)
		file->inode->size = offset + done;
	return done ? (long)done : -EIO;
}

static int ninep_fsync(struct file *file)
{
	struct ninep_client *client = client_of(file->inode);
	struct message message;
	uint32_t fid = (uint32_t)(uintptr_t)file->private;

	if (fid == NO_FID)
		return 0;
	int error = message_start(&message, client, TFSYNC);
	if (error)
		return error;
	put32(&message, fid);
	put32(&message, 0);
	return rpc_simple(client, &message);
}

static const struct file_operations ninep_file_operations = {
    .open = ninep_open,
    .release = ninep_release,
    .read = ninep_read,
    .write = ninep_write,
    .fsync = ninep_fsync,
};

/* ---- mounting ----------------------------------------------------------------------------- */

static int handshake(struct ninep_client *client, const struct ninep_options *options,
		     uint32_t *root_fid)
{
	static const char version[] = "9P2000.L";
	struct message message;
	struct reader reply;
	void *buffer;
	int error = message_start(&message, client, TVERSION);

	if (error)
		return error;
	put32(&message, client->message_size);
	put_string(&message, version, sizeof(version) - 1);
	if ((error = rpc(client, &message, &reply, &buffer)))
		return error;
	uint32_t size = (uint32_t)take_number(&reply, 4);
	size_t length = (size_t)take_number(&reply, 2);
	const char *answer = take(&reply, length);
	heap_free(buffer);
	if (!answer || length != sizeof(version) - 1 || memcmp(answer, version, length)) {
		pr_warn("9p: the server does not speak 9P2000.L\n");
		return -EPROTONOSUPPORT;
	}
	if (size < NINEP_MESSAGE_MIN)
		return -EIO;
	client->message_size = MIN(size, client->message_size);
	if ((error = message_start(&message, client, TATTACH)))
		return error;
	*root_fid = client->next_fid++;
	put32(&message, *root_fid);
	put32(&message, NO_FID);
	put_string(&message, options->user_name, strlen(options->user_name));
	put_string(&message, options->attach_name, strlen(options->attach_name));
	put32(&message, 0);
	return rpc_simple(client, &message);
}

static void generate_stats(struct procfs_text *text, void *context)
{
	(void)context;
	procfs_printf(text, "requests %llu\nread_bytes %llu\nwrite_bytes %llu\n",
		      (unsigned long long)requests, (unsigned long long)bytes_read,
		      (unsigned long long)bytes_written);
}

int ninep_attach(const struct ninep_transport_operations *operations, void *transport,
		 const struct ninep_options *options, struct inode **root)
{
	static bool registered;
	static const struct ninep_options defaults = {
	    .attach_name = "", .user_name = "root", .message_size = NINEP_MESSAGE_SIZE};
	struct ninep_client *client = heap_alloc_zeroed(sizeof(*client));
	uint32_t root_fid;
	int error;

	if (!registered)
		registered = !procfs_register_file("fs/9p/stats", generate_stats, NULL);
	if (!options)
		options = &defaults;
	if (!client) {
		if (operations->close)
			operations->close(transport);
		return -ENOMEM;
	}
	*client = (struct ninep_client){.transport_operations = operations,
					.transport = transport,
					.message_size = options->message_size,
					.next_fid = 1};
	client->superblock = (struct superblock){
	    .type = "9p", .device = 9, .free_inode = free_inode, .transient_inodes = true};
	list_init(&client->live_inodes);
	if ((error = handshake(client, options, &root_fid))) {
		client_free(client);
		return error;
	}
	/* From here the client goes with its last inode (this one, if it fails). */
	*root = inode_for_fid(client, root_fid, NULL, &error);
	return error;
}

int ninep_mount(const char *tag, const struct ninep_transport_operations *operations,
		void *transport)
{
	char path[PATH_MAX];
	struct inode *root, *mount_point;
	int error = ninep_attach(operations, transport, NULL, &root);

	if (error)
		return error;
	if (tag[0] == '/')
		strlcpy(path, tag, sizeof(path));
	else
		strlcpy(path, "/mnt/", sizeof(path)), strlcpy(path + 5, tag, sizeof(path) - 5);
	if (!(error = vfs_make_directories(path, strlen(path))) &&
	    !(error = vfs_resolve(NULL, path, 0, &mount_point))) {
		error = vfs_mount(mount_point, root);
		inode_put(mount_point);
	}
	inode_put(root);
	return error;
}
