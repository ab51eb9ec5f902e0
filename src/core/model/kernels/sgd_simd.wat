;; Per-rating SGD for the biased LFM with 128-bit SIMD: the same update and the same sums as
;; sgdPass in sgd_pass.ts, in float32 arithmetic with the sums accumulated in float64.
;;
;; Compile with `npm run build:wasm`, which writes sgd_simd_module.ts; a unit test fails when
;; that file is older than this one.
;;
;; The caller lays out the module's memory and passes byte offsets. Each rating n of the call
;; reads users[n] (int32), items[n] (int32) and ratings[n] (float32) in order, so the caller
;; gathers the shuffled ratings into these arrays first. P and Q are row-major float32 tables
;; with k columns, where k is a positive multiple of 4.

(module
  (memory (export "memory") 1)

  (func $sum_lanes (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Writes [sum of e², sum of |e|, sum of L2 terms] as three float64 values at $sums.
  (func (export "sgd_pass")
    (param $users i32) (param $items i32) (param $ratings i32) (param $count i32)
    (param $p i32) (param $q i32) (param $user_bias i32) (param $item_bias i32) (param $k i32)
    (param $learning_rate f32) (param $lambda f32) (param $bias_lambda f32) (param $mu f32)
    (param $sums i32)
    (local $n i32) (local $row_bytes i32) (local $offset i32)
    (local $user i32) (local $item i32) (local $user_row i32) (local $item_row i32)
    (local $bias_address_u i32) (local $bias_address_i i32)
    (local $pf v128) (local $qf v128) (local $dot v128) (local $user_norm v128) (local $item_norm v128)
    (local $shrink v128) (local $step v128)
    (local $bu f32) (local $bi f32) (local $error f32)
    (local $squared_error f64) (local $absolute_error f64) (local $l2 f64)

    (local.set $row_bytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $shrink
      (f32x4.splat
        (f32.sub (f32.const 1) (f32.mul (local.get $learning_rate) (local.get $lambda)))))

    (block $done
      (loop $next_rating
        (br_if $done (i32.ge_u (local.get $n) (local.get $count)))

        (local.set $user
          (i32.load (i32.add (local.get $users) (i32.shl (local.get $n) (i32.const 2)))))
        (local.set $item
          (i32.load (i32.add (local.get $items) (i32.shl (local.get $n) (i32.const 2)))))
        (local.set $user_row
          (i32.add (local.get $p) (i32.mul (local.get $user) (local.get $row_bytes))))
        (local.set $item_row
          (i32.add (local.get $q) (i32.mul (local.get $item) (local.get $row_bytes))))

        ;; p_u · q_i, |p_u|² and |q_i|², four lanes at a time.
        (local.set $dot (v128.const i32x4 0 0 0 0))
        (local.set $user_norm (v128.const i32x4 0 0 0 0))
        (local.set $item_norm (v128.const i32x4 0 0 0 0))
        (local.set $offset (i32.const 0))
        (loop $dot_lanes
          (local.set $pf (v128.load (i32.add (local.get $user_row) (local.get $offset))))
          (local.set $qf (v128.load (i32.add (local.get $item_row) (local.get $offset))))
          (local.set $dot
            (f32x4.add (local.get $dot) (f32x4.mul (local.get $pf) (local.get $qf))))
          (local.set $user_norm
            (f32x4.add (local.get $user_norm) (f32x4.mul (local.get $pf) (local.get $pf))))
          (local.set $item_norm
            (f32x4.add (local.get $item_norm) (f32x4.mul (local.get $qf) (local.get $qf))))
          (local.set $offset (i32.add (local.get $offset) (i32.const 16)))
          (br_if $dot_lanes (i32.lt_u (local.get $offset) (local.get $row_bytes))))

        (local.set $bias_address_u
          (i32.add (local.get $user_bias) (i32.shl (local.get $user) (i32.const 2))))
        (local.set $bias_address_i
          (i32.add (local.get $item_bias) (i32.shl (local.get $item) (i32.const 2))))
        (local.set $bu (f32.load (local.get $bias_address_u)))
        (local.set $bi (f32.load (local.get $bias_address_i)))

        ;; e = r - (mu + b_u + b_i + p_u · q_i)
        (local.set $error
          (f32.sub
            (f32.load (i32.add (local.get $ratings) (i32.shl (local.get $n) (i32.const 2))))
            (f32.add
              (f32.add (local.get $mu) (f32.add (local.get $bu) (local.get $bi)))
              (call $sum_lanes (local.get $dot)))))

        (local.set $squared_error
          (f64.add (local.get $squared_error)
            (f64.promote_f32 (f32.mul (local.get $error) (local.get $error)))))
        (local.set $absolute_error
          (f64.add (local.get $absolute_error) (f64.promote_f32 (f32.abs (local.get $error)))))
        (local.set $l2
          (f64.add (local.get $l2)
            (f64.promote_f32
              (f32.add
                (f32.mul (local.get $lambda)
                  (f32.add (call $sum_lanes (local.get $user_norm))
                           (call $sum_lanes (local.get $item_norm))))
                (f32.mul (local.get $bias_lambda)
                  (f32.add (f32.mul (local.get $bu) (local.get $bu))
                           (f32.mul (local.get $bi) (local.get $bi))))))))

        ;; b += lr (e - lambda_b b)
        (f32.store (local.get $bias_address_u)
          (f32.add (local.get $bu)
            (f32.mul (local.get $learning_rate)
              (f32.sub (local.get $error) (f32.mul (local.get $bias_lambda) (local.get $bu))))))
        (f32.store (local.get $bias_address_i)
          (f32.add (local.get $bi)
            (f32.mul (local.get $learning_rate)
              (f32.sub (local.get $error) (f32.mul (local.get $bias_lambda) (local.get $bi))))))

        ;; p_u <- (1 - lr lambda) p_u + lr e q_i and q_i <- (1 - lr lambda) q_i + lr e p_u,
        ;; both from the values before the step.
        (local.set $step (f32x4.splat (f32.mul (local.get $learning_rate) (local.get $error))))
        (local.set $offset (i32.const 0))
        (loop $update_lanes
          (local.set $pf (v128.load (i32.add (local.get $user_row) (local.get $offset))))
          (local.set $qf (v128.load (i32.add (local.get $item_row) (local.get $offset))))
          (v128.store (i32.add (local.get $user_row) (local.get $offset))
            (f32x4.add (f32x4.mul (local.get $shrink) (local.get $pf))
                       (f32x4.mul (local.get $step) (local.get $qf))))
          (v128.store (i32.add (local.get $item_row) (local.get $offset))
            (f32x4.add (f32x4.mul (local.get $shrink) (local.get $qf))
                       (f32x4.mul (local.get $step) (local.get $pf))))
          (local.set $offset (i32.add (local.get $offset) (i32.const 16)))
          (br_if $update_lanes (i32.lt_u (local.get $offset) (local.get $row_bytes))))

        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next_rating)))

    (f64.store (local.get $sums) (local.get $squared_error))
    (f64.store offset=8 (local.get $sums) (local.get $absolute_error))
    (f64.store offset=16 (local.get $sums) (local.get $l2)))
  ;; Writes [sum of e², sum of |e|] as two float64 values at $sums, where e = r - r̂ and
  ;; r̂ = clip(mu + known_u b_u + known_i b_i + known_u known_i p_u · q_i, min, max), as
  ;; errorSums in scoring_kernels.ts computes it. known_u and known_i are float32 0 or 1.
  (func (export "error_sums")
    (param $users i32) (param $items i32) (param $ratings i32) (param $count i32)
    (param $p i32) (param $q i32) (param $user_bias i32) (param $item_bias i32)
    (param $known_users i32) (param $known_items i32) (param $k i32)
    (param $mu f32) (param $min f32) (param $max f32) (param $sums i32)
    (local $n i32) (local $row_bytes i32) (local $offset i32)
    (local $user i32) (local $item i32) (local $user_row i32) (local $item_row i32)
    (local $user_known f32) (local $item_known f32) (local $dot v128) (local $dot_sum f32)
    (local $error f32) (local $squared_error f64) (local $absolute_error f64)

    (local.set $row_bytes (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $next_rating
        (br_if $done (i32.ge_u (local.get $n) (local.get $count)))

        (local.set $user
          (i32.load (i32.add (local.get $users) (i32.shl (local.get $n) (i32.const 2)))))
        (local.set $item
          (i32.load (i32.add (local.get $items) (i32.shl (local.get $n) (i32.const 2)))))
        (local.set $user_known
          (f32.load (i32.add (local.get $known_users) (i32.shl (local.get $user) (i32.const 2)))))
        (local.set $item_known
          (f32.load (i32.add (local.get $known_items) (i32.shl (local.get $item) (i32.const 2)))))

        (local.set $dot (v128.const i32x4 0 0 0 0))
        (local.set $user_row
          (i32.add (local.get $p) (i32.mul (local.get $user) (local.get $row_bytes))))
        (local.set $item_row
          (i32.add (local.get $q) (i32.mul (local.get $item) (local.get $row_bytes))))
        (local.set $offset (i32.const 0))
        (loop $dot_lanes
          (local.set $dot
            (f32x4.add (local.get $dot)
              (f32x4.mul
                (v128.load (i32.add (local.get $user_row) (local.get $offset)))
                (v128.load (i32.add (local.get $item_row) (local.get $offset))))))
          (local.set $offset (i32.add (local.get $offset) (i32.const 16)))
          (br_if $dot_lanes (i32.lt_u (local.get $offset) (local.get $row_bytes))))
        (local.set $dot_sum
          (f32.mul (f32.mul (local.get $user_known) (local.get $item_known))
            (call $sum_lanes (local.get $dot))))

        (local.set $error
          (f32.sub
            (f32.load (i32.add (local.get $ratings) (i32.shl (local.get $n) (i32.const 2))))
            (f32.min (local.get $max)
              (f32.max (local.get $min)
                (f32.add
                  (f32.add (local.get $mu)
                    (f32.mul (local.get $user_known)
                      (f32.load
                        (i32.add (local.get $user_bias) (i32.shl (local.get $user) (i32.const 2))))))
                  (f32.add
                    (f32.mul (local.get $item_known)
                      (f32.load
                        (i32.add (local.get $item_bias) (i32.shl (local.get $item) (i32.const 2)))))
                    (local.get $dot_sum)))))))
        (local.set $squared_error
          (f64.add (local.get $squared_error)
            (f64.promote_f32 (f32.mul (local.get $error) (local.get $error)))))
        (local.set $absolute_error
          (f64.add (local.get $absolute_error) (f64.promote_f32 (f32.abs (local.get $error)))))

        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next_rating)))

    (f64.store (local.get $sums) (local.get $squared_error))
    (f64.store offset=8 (local.get $sums) (local.get $absolute_error))))
