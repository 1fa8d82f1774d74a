/*
 * The kernel's random numbers: a ChaCha20 keystream, keyed at boot
 * from rdrand (when the CPU has it) and the time stamp counter, and
 * stirred with the TSC on every call. Not a cryptographic entropy
 * accountant: /dev/random and /dev/urandom both read from it, as Linux
 * does since 5.6 once seeded.
 */
#include <asm/arch.h>
#include <asm/processor.h>
#include <tine/fs.h>
#include <tine/init.h>
#include <tine/printk.h>
#include <tine/sched.h>
#include <tine/spinlock.h>
#include <tine/string.h>
#include <tine/syscall.h>
#include <tine/sysctl.h>
#include <tine/uaccess.h>
#include <uapi/errno.h>

static DEFINE_SPINLOCK(random_lock);
static u32 chacha_state[16];		/* [random_lock] key, counter, nonce */

static u32 rotl(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define QR(a, b, c, d)                                    \
	do {                                              \
		a += b; d ^= a; d = rotl(d, 16);          \
		c += d; b ^= c; b = rotl(b, 12);          \
		a += b; d ^= a; d = rotl(d, 8);           \
		c += d; b ^= c; b = rotl(b, 7);           \
	} while (0)

/* One 64-byte ChaCha20 block of the state; advances the counter. */
static void chacha_block(u32 out[16])
{
	u32 x[16];
	int i;

	memcpy(x, chacha_state, sizeof(x));
	for (i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (i = 0; i < 16; i++)
		out[i] = x[i] + chacha_state[i];
	if (++chacha_state[12] == 0)
		chacha_state[13]++;
}

/* random_init - key the generator (boot). */
void random_init(void)
{
	static const char sigma[16] = "expand 32-byte k";
	int i;

	memcpy(chacha_state, sigma, 16);
	for (i = 4; i < 16; i += 2) {
		u64 v = random_get_entropy() * 0x9e3779b97f4a7c15ULL;
		unsigned long r;

		if (arch_get_random_long(&r))
			v ^= r;
		chacha_state[i] = (u32)v;
		chacha_state[i + 1] = (u32)(v >> 32);
	}
	chacha_state[12] = 0;
}

/* get_random_bytes - fill buf with n random bytes. Any context. */
void get_random_bytes(void *buf, size_t n)
{
	unsigned long f = spin_lock_irqsave(&random_lock);
	u32 block[16];
	char *p = buf;

	chacha_state[14] ^= (u32)random_get_entropy();
	while (n) {
		size_t chunk = MIN(n, sizeof(block));

		chacha_block(block);
		memcpy(p, block, chunk);
		p += chunk;
		n -= chunk;
	}
	/* Fast key erasure: the next key comes from the stream. */
	chacha_block(block);
	memcpy(&chacha_state[4], block, 32);
	memset(block, 0, sizeof(block));
	spin_unlock_irqrestore(&random_lock, f);
}

/*
 * Words of the stream handed out one at a time (Linux's batched
 * entropy): four blocks at once, then a fifth for the next key, so a
 * word costs a small part of a block; and a reservoir of bits for the
 * small numbers exec's randomisation draws (get_random_bits()).
 */
#define BATCH_BLOCKS 4
static u64 batch[BATCH_BLOCKS * 8];	/* [random_lock] */
static unsigned int batch_left;		/* [random_lock] words unused */
static u64 bit_pool;			/* [random_lock] unused bits, low first */
static unsigned int pool_bits;		/* [random_lock] how many */

/* The next batched word. random_lock held. */
static u64 next_word(void)
{
	u32 key[16];
	u64 v;

	assert_spin_locked(&random_lock);
	if (!batch_left) {
		chacha_state[14] ^= (u32)random_get_entropy();
		for (int i = 0; i < BATCH_BLOCKS; i++)
			chacha_block((u32 *)&batch[i * 8]);
		chacha_block(key);	/* fast key erasure, as above */
		memcpy(&chacha_state[4], key, 32);
		memset(key, 0, sizeof(key));
		batch_left = ARRAY_SIZE(batch);
	}
	v = batch[--batch_left];
	batch[batch_left] = 0;	/* what was handed out is not kept */
	return v;
}

/* get_random_u64 - a random 64-bit word. Any context. */
u64 get_random_u64(void)
{
	unsigned long f = spin_lock_irqsave(&random_lock);
	u64 v = next_word();

	spin_unlock_irqrestore(&random_lock, f);
	return v;
}

/* get_random_bits - n (1..32) random bits. Any context. */
u32 get_random_bits(unsigned int n)
{
	unsigned long f = spin_lock_irqsave(&random_lock);
	u32 v;

	if (pool_bits < n) {
		bit_pool = next_word();
		pool_bits = 64;
	}
	v = bit_pool & ((1ULL << n) - 1);
	bit_pool >>= n;
	pool_bits -= n;
	spin_unlock_irqrestore(&random_lock, f);
	return v;
}

/* get_random_u32_below - uniformly in [0, ceil) (ceil >= 1): the
 * fewest bits that cover it, drawn again when too large. Any context. */
u32 get_random_u32_below(u32 ceil)
{
	unsigned int n = 1;
	u32 v;

	if (ceil <= 1)
		return 0;
	while (n < 32 && (1ULL << n) < ceil)
		n++;
	do
		v = get_random_bits(n);
	while (v >= ceil);
	return v;
}

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

static long sys_getrandom(char __user *buf, size_t n, unsigned int flags)
{
	char tmp[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (n > 0x1ffffff)
		n = 0x1ffffff;
	while (done < n) {
		size_t chunk = MIN(sizeof(tmp), n - done);

		get_random_bytes(tmp, chunk);
		if (copy_to_user(buf + done, tmp, chunk))
			return done ? (long)done : -EFAULT;
		done += chunk;
	}
	memset(tmp, 0, sizeof(tmp));
	return done;
}
SYSCALL_ENTRY(getrandom, sys_getrandom);

/* ---- sysctl: kernel.random.* ---- */

static DEFINE_SPINLOCK(boot_id_lock);
static char boot_id[37];		/* [boot_id_lock] made on first read */

/* A random (version 4) UUID in its text form, at least 37 bytes. */
static void make_uuid(char *out)
{
	u8 u[16];

	get_random_bytes(u, sizeof(u));
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4],
		 u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
		 u[14], u[15]);
}

/* kernel.random.uuid: a new UUID at each read; boot_id: one per boot. */
static int proc_do_uuid(const struct ctl_table *t, int write, char *buf,
			size_t *lenp, off_t *ppos)
{
	struct ctl_table tmp = *t;
	char uuid[37];
	unsigned long f;

	if (write)
		return -EPERM;
	if (t->data) {
		f = spin_lock_irqsave(&boot_id_lock);
		if (!boot_id[0])
			make_uuid(boot_id);
		memcpy(uuid, boot_id, sizeof(uuid));
		spin_unlock_irqrestore(&boot_id_lock, f);
	} else {
		make_uuid(uuid);
	}
	tmp.data = uuid;
	tmp.maxlen = sizeof(uuid);
	return proc_dostring(&tmp, write, buf, lenp, ppos);
}

/* The pool is full from boot on (as Linux 6.1 once seeded). */
static const int random_poolsize = 256, random_entropy = 256;
/* Kept for compatibility, without effect (as in Linux since 5.17). */
static int random_min_reseed_secs = 60, random_write_wakeup_bits = 256;

static const struct ctl_table random_table[] = {
	{ .procname = "boot_id", .data = boot_id, .maxlen = 37, .mode = 0444,
	  .proc_handler = proc_do_uuid },
	{ .procname = "uuid", .maxlen = 37, .mode = 0444,
	  .proc_handler = proc_do_uuid },
	{ .procname = "entropy_avail", .data = (void *)&random_entropy,
	  .maxlen = sizeof(int), .mode = 0444, .proc_handler = proc_dointvec },
	{ .procname = "poolsize", .data = (void *)&random_poolsize,
	  .maxlen = sizeof(int), .mode = 0444, .proc_handler = proc_dointvec },
	{ .procname = "urandom_min_reseed_secs",
	  .data = &random_min_reseed_secs, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec },
	{ .procname = "write_wakeup_threshold",
	  .data = &random_write_wakeup_bits, .maxlen = sizeof(int),
	  .mode = 0644, .proc_handler = proc_dointvec },
	{ }
};

static void random_sysctl_init(void)
{
	register_sysctl("kernel/random", random_table);
}
__initcall(random_sysctl_init);
